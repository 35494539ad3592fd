//! glaneur-alloc: the memory allocator of glaneur's binary and of each of
//! its plugin libraries (README.md says why and what was measured).

use std::alloc::{GlobalAlloc, Layout};
use std::ffi::c_void;

use libmimalloc_sys as mi;

/// mimalloc as a Rust allocator, through its plain entry points wherever
/// they give the alignment asked for. The `mimalloc` crate's allocator
/// calls the aligned ones for every allocation, which try a fast path
/// only after checks of their own (and, above 1 KiB, take a slower one):
/// about 15 % of the instructions glaneur spent allocating.
pub struct MiMalloc;

/// The alignment every block of mimalloc has when it is at least that
/// large (`MI_MAX_ALIGN_SIZE`; smaller blocks are aligned to their size).
const MAX_ALIGN: usize = 16;

/// Whether a plain allocation of `size` bytes is aligned to `align`: what
/// mimalloc's own aligned entry points check before they fall back on a
/// plain allocation (`mi_malloc_is_naturally_aligned`), as the standard
/// library's `System` allocator does with `malloc`.
#[inline]
fn plain(size: usize, align: usize) -> bool {
    align <= MAX_ALIGN && align <= size
}

// SAFETY: each method forwards to the mimalloc function with the contract
// `GlobalAlloc` asks for; the plain ones only where `plain` says their
// blocks are aligned as the layout requires, and every block, however it
// was allocated, is freed and grown by mimalloc, which accepts any of them.
unsafe impl GlobalAlloc for MiMalloc {
    #[inline]
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let (size, align) = (layout.size(), layout.align());
        // SAFETY: see the impl.
        unsafe { if plain(size, align) { mi::mi_malloc(size) } else { mi::mi_malloc_aligned(size, align) }.cast() }
    }

    #[inline]
    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        let (size, align) = (layout.size(), layout.align());
        // SAFETY: see the impl.
        unsafe { if plain(size, align) { mi::mi_zalloc(size) } else { mi::mi_zalloc_aligned(size, align) }.cast() }
    }

    #[inline]
    unsafe fn dealloc(&self, ptr: *mut u8, _layout: Layout) {
        // SAFETY: `ptr` was allocated by this allocator (the caller's contract).
        unsafe { mi::mi_free(ptr.cast::<c_void>()) }
    }

    #[inline]
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        let align = layout.align();
        let ptr = ptr.cast::<c_void>();
        // SAFETY: see the impl; a block that moves is allocated anew as
        // `plain` allows, and one that stays kept its alignment.
        unsafe {
            if plain(new_size, align) {
                mi::mi_realloc(ptr, new_size)
            } else {
                mi::mi_realloc_aligned(ptr, new_size, align)
            }
            .cast()
        }
    }
}

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
    use std::alloc::{GlobalAlloc, Layout};

    /// Blocks of every size and alignment a program asks for, plain or
    /// aligned, come back aligned, zeroed when asked, and keep their bytes
    /// when they grow or shrink.
    #[test]
    fn blocks_are_aligned_and_keep_their_bytes() {
        let a = super::MiMalloc;
        for align in [1, 2, 4, 8, 16, 32, 64, 4096] {
            for size in [1, 3, 8, 15, 16, 17, 24, 100, 1024, 1025, 5000, 70_000] {
                let size = size.max(align);
                let layout = Layout::from_size_align(size, align).expect("a valid layout");
                // SAFETY: a non-zero size; each block is freed once, with its layout.
                unsafe {
                    let zeroed = a.alloc_zeroed(layout);
                    assert!(!zeroed.is_null() && zeroed as usize % align == 0, "{size} {align}");
                    assert!(std::slice::from_raw_parts(zeroed, size).iter().all(|&b| b == 0));
                    a.dealloc(zeroed, layout);
                    let p = a.alloc(layout);
                    assert!(!p.is_null() && p as usize % align == 0, "{size} {align}");
                    for i in 0..size {
                        *p.add(i) = i as u8;
                    }
                    // Grown, then shrunk below its first size.
                    let mut block = (p, layout);
                    for new_size in [size * 3 + 1, (size / 2).max(align)] {
                        let q = a.realloc(block.0, block.1, new_size);
                        assert!(!q.is_null() && q as usize % align == 0, "{size} → {new_size} {align}");
                        let kept = size.min(new_size);
                        assert!((0..kept).all(|i| *q.add(i) == i as u8), "{size} → {new_size} {align}");
                        block = (q, Layout::from_size_align(new_size, align).expect("a valid layout"));
                    }
                    a.dealloc(block.0, block.1);
                }
            }
        }
    }

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
