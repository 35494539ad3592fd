//! glaneur-alloc: the memory allocator of glaneur's binary and of each of
//! its plugin libraries (README.md says why and what was measured).

pub use mimalloc::MiMalloc;

/// mimalloc v2's `mi_option_eager_commit` (`mi_option_e` in mimalloc.h).
const EAGER_COMMIT: libmimalloc_sys::mi_option_t = 3;
/// mimalloc v2's `mi_option_arena_eager_commit`.
const ARENA_EAGER_COMMIT: libmimalloc_sys::mi_option_t = 4;
/// mimalloc v2's `mi_option_arena_reserve` (in KiB).
const ARENA_RESERVE: libmimalloc_sys::mi_option_t = 23;
/// The address space each allocator reserves at a time: mimalloc's 1 GiB
/// default, times seven allocators (the binary's and six plugins'), is far
/// more than a run uses.
const ARENA_RESERVE_KIB: std::ffi::c_long = 32 * 1024;

/// Sets the options of the mimalloc linked into the calling binary or
/// library: memory committed as it is used, address space reserved 32 MiB
/// at a time. [`global_allocator!`] calls it
/// when the binary or library is loaded, before its first allocation.
pub fn tune() {
    // SAFETY: mi_option_set stores a value; it allocates nothing and is
    // safe to call at any time, from any thread.
    unsafe {
        libmimalloc_sys::mi_option_set(EAGER_COMMIT, 0);
        libmimalloc_sys::mi_option_set(ARENA_EAGER_COMMIT, 0);
        libmimalloc_sys::mi_option_set(ARENA_RESERVE, ARENA_RESERVE_KIB);
    }
}

/// Makes mimalloc the global allocator of this binary or library, tuned
/// by [`tune`] when it is loaded.
#[macro_export]
macro_rules! global_allocator {
    () => {
        #[global_allocator]
        static GLANEUR_ALLOCATOR: $crate::MiMalloc = $crate::MiMalloc;

        /// Runs when the binary or library is loaded (an ELF constructor),
        /// before anything in it allocates.
        #[cfg(target_os = "linux")]
        #[used]
        #[link_section = ".init_array"]
        static GLANEUR_ALLOCATOR_TUNE: extern "C" fn() = {
            extern "C" fn tune() {
                $crate::tune();
            }
            tune
        };
    };
}

#[cfg(test)]
mod tests {
    /// The option numbers are mimalloc v2's (their defaults say so): a
    /// changed header would make `tune` set other options.
    #[test]
    fn the_options_are_the_eager_commits() {
        // SAFETY: reading options is always safe.
        let (eager, arena) = unsafe {
            (
                libmimalloc_sys::mi_option_get(super::EAGER_COMMIT),
                libmimalloc_sys::mi_option_get(super::ARENA_EAGER_COMMIT),
            )
        };
        // mimalloc's defaults: eager commit on (1), arenas on overcommit systems (2).
        assert_eq!((eager, arena), (1, 2));
        super::tune();
        // SAFETY: as above.
        let (eager, arena) = unsafe {
            (
                libmimalloc_sys::mi_option_get(super::EAGER_COMMIT),
                libmimalloc_sys::mi_option_get(super::ARENA_EAGER_COMMIT),
            )
        };
        assert_eq!((eager, arena), (0, 0));
    }
}
