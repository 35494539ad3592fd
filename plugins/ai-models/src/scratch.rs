//! The vectors a document is read into, kept by each thread from one
//! document to the next: allocated and freed for every document, they cost
//! more than some of the reading.

use std::cell::RefCell;

use glaneur_text::kept::{bound, with_kept, Bound};
pub(crate) use glaneur_text::kept::{recycle, take_recycled};
use glaneur_text::SpanSet;

use crate::catalogue::Hit;
use crate::starts::Starts;
use crate::unseen::{AppositionBuffers, Cue};
use crate::{Found, Mention, Reading};

/// A thread's vectors, empty between documents (but for their room).
/// Those of items that borrow from a document hold them as `'static`
/// and are [`recycle`]d to the document's lifetime while it is read.
#[derive(Default)]
pub(crate) struct Scratch {
    /// Where the searches may begin.
    pub(crate) starts: Starts,
    /// The organisations found before, as the search reads them.
    pub(crate) orgs: Vec<Found<'static>>,
    /// The catalogue hits, what each was read as and where it ends.
    pub(crate) readings: Vec<(Hit, usize, Reading<'static>)>,
    /// The mentions found, before they are made entities.
    pub(crate) mentions: Vec<Mention<'static>>,
    /// The catalogue's hits.
    pub(crate) hits: Vec<Hit>,
    /// The catalogue matcher's matches, the hits are read from.
    pub(crate) matches: Vec<(usize, usize, usize)>,
    /// The spans of the hits read as models, by start.
    pub(crate) accepted: Vec<(usize, usize)>,
    /// The spans the mentions kept (and hardware names) take.
    pub(crate) taken: SpanSet,
    /// The cues of unseen names, with their text folded.
    pub(crate) cues: Vec<Cue<'static>>,
    /// Where the appositions may begin, and those found.
    pub(crate) appositions: AppositionBuffers,
    /// A canonical name joined, to be compared with the text's.
    pub(crate) joined: String,
}

thread_local! {
    /// This thread's [`Scratch`], borrowed while a document is read (in
    /// place: it is too large to be moved in and out for every document).
    static SCRATCH: RefCell<Scratch> = RefCell::new(Scratch::default());
}

/// Runs `read` with this thread's [`Scratch`] (a new one if a caller up
/// the stack holds it), and keeps it for the next document.
pub(crate) fn with<R>(read: impl FnOnce(&mut Scratch) -> R) -> R {
    with_kept(&SCRATCH, read)
}

impl Bound for Scratch {
    fn bound(&mut self) {
        self.starts.bound();
        bound(&mut self.orgs);
        bound(&mut self.readings);
        bound(&mut self.mentions);
        bound(&mut self.hits);
        bound(&mut self.matches);
        bound(&mut self.accepted);
        bound(&mut self.cues);
        self.appositions.bound();
        self.joined.bound();
        // A set grows past its vector only for a document of many models.
    }
}
