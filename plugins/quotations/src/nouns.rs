//! The nouns a definite description of an organisation is made of (`le
//! groupe`, `l'entreprise`, `le quotidien`): data/org_nouns.txt and
//! data/media_nouns.txt; and the roles a description of a person is made
//! of (`le PDG`), glaneur-lexicon's.

use std::collections::HashSet;

use foldhash::fast::FixedState;
use glaneur_lexicon::WordList;
use glaneur_text::folded;

/// The two lists, folded.
pub struct Nouns {
    /// Nouns of an organisation (`groupe`, `société`, `jeune pousse`).
    pub org: WordList,
    /// Nouns of a news outlet (`quotidien`, `agence`): they stand for a
    /// media organisation.
    pub media: WordList,
    /// Roles, folded (`pdg`, `directrice générale`): glaneur-lexicon's,
    /// what a description of a person is made of.
    pub roles: HashSet<String, FixedState>,
    /// The first word of each role, folded (`secrétaire` of `secrétaire
    /// d'État`): a role's head, whatever its complement's spelling.
    pub role_heads: HashSet<String, FixedState>,
}

impl Nouns {
    /// Loads the compiled-in lists.
    pub fn load() -> Self {
        Nouns {
            org: WordList::parse(include_str!("../data/org_nouns.txt")),
            media: WordList::parse(include_str!("../data/media_nouns.txt")),
            roles: glaneur_lexicon::ROLES.words().iter().map(|r| folded(r).into_owned()).collect(),
            role_heads: glaneur_lexicon::ROLES
                .words()
                .iter()
                .filter_map(|r| r.split(' ').next())
                .map(|r| folded(r).into_owned())
                .collect(),
        }
    }
}
