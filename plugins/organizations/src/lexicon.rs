//! The words the organisation rules read: cue nouns before a name, verbs
//! organisations do, corporate suffixes, and the capitalised words that
//! start sentences but never names.
//!
//! Lookups take lowercased words with `’` folded to `'`.

/// Nouns that introduce an organisation's name right after them (possibly
/// with adjectives or a `de …` complement between): `la start-up X`,
/// `le fabricant de puces X`. Lowercase; `'` apostrophes.
pub const CUE_NOUNS: &[&str] = &[
    "start-up",
    "startup",
    "start-ups",
    "jeune pousse",
    "licorne",
    "scale-up",
    "société",
    "sociétés",
    "groupe",
    "entreprise",
    "firme",
    "fonds",
    "banque",
    "cabinet",
    "éditeur",
    "fabricant",
    "opérateur",
    "laboratoire",
    "labo",
    "agence",
    "assureur",
    "fintech",
    "medtech",
    "biotech",
    "legaltech",
    "edtech",
    "proptech",
    "insurtech",
    "healthtech",
    "équipementier",
    "constructeur",
    "courtier",
    "gestionnaire",
    "intégrateur",
    "studio",
    "distributeur",
    "géant",
    "spécialiste",
    "concepteur",
    "conglomérat",
    "mutuelle",
    "coopérative",
    "association",
    "ong",
    "institut",
    "quotidien",
    "hebdomadaire",
    "magazine",
    "média",
    "régie",
    "hébergeur",
    "marketplace",
    "site spécialisé",
    "site d'information",
    "plateforme de paiement",
    "plateforme de financement",
    "néobanque",
    "société de gestion",
    "filiale",
    "holding",
    "fournisseur",
    "prestataire",
    "leader",
    "champion",
    "pure player",
    "acteur",
    "rival",
    "concurrent",
    "partenaire",
    "actionnaire",
    "investisseur",
    "incubateur",
    "accélérateur",
    "chaîne",
    "télécoms",
    "opérateurs",
    "banques",
    "fonds d'investissement",
    "company",
    "firm",
    "startup",
    "lab",
    "bank",
    "fund",
];

/// Words between a cue noun and the name that are not part of either:
/// articles and prepositions of a `de …` complement.
pub fn is_link_word(word: &str) -> bool {
    matches!(word, "de" | "d'" | "du" | "des" | "en" | "et" | "à" | "la" | "le" | "les" | "l'" | "of")
}

/// Verbs (3rd person, simple and compound tenses) that say an
/// organisation acts: an ambiguous name right before one is the company.
pub fn is_org_verb(word: &str) -> bool {
    const VERBS: &[&str] = &[
        "annonce",
        "annoncé",
        "lève",
        "levé",
        "investit",
        "investi",
        "investira",
        "rachète",
        "racheté",
        "acquiert",
        "acquis",
        "publie",
        "publié",
        "dévoile",
        "dévoilé",
        "lance",
        "lancé",
        "présente",
        "présenté",
        "emploie",
        "recrute",
        "recruté",
        "signe",
        "signé",
        "conclut",
        "conclu",
        "détient",
        "possède",
        "contrôle",
        "développe",
        "développé",
        "propose",
        "proposé",
        "prévoit",
        "compte",
        "vaut",
        "affiche",
        "enregistre",
        "réalise",
        "réalisé",
        "confirme",
        "confirmé",
        "dément",
        "démenti",
        "déclare",
        "déclaré",
        "indique",
        "indiqué",
        "précise",
        "précisé",
        "explique",
        "expliqué",
        "assure",
        "assuré",
        "estime",
        "estimé",
        "mise",
        "misé",
        "parie",
        "parié",
        "s'associe",
        "associé",
        "collabore",
        "fournit",
        "fourni",
        "vend",
        "vendu",
        "cède",
        "cédé",
        "ferme",
        "fermé",
        "ouvre",
        "ouvert",
        "supprime",
        "supprimé",
        "licencie",
        "licencié",
        "embauche",
        "facture",
        "teste",
        "testé",
        "travaille",
        "entend",
        "veut",
        "souhaite",
        "cherche",
        "tente",
        "domine",
        "dépense",
        "dépensé",
        "injecte",
        "injecté",
        "finance",
        "financé",
        "soutient",
        "soutenu",
        "rejoint",
        "a",
        "ont",
        "avait",
        "avaient",
        "va",
        "vont",
        "sera",
        "seront",
        "devrait",
        "pourrait",
        "doit",
        "emboîté",
        "poursuit",
        "poursuivi",
        "condamné",
        "sanctionné",
        "visé",
        "accusé",
        "attaque",
        "attaqué",
        "riposte",
        "répond",
        "répondu",
        "announced",
        "announces",
        "raised",
        "raises",
        "invests",
        "invested",
        "acquired",
        "acquires",
        "said",
        "says",
        "launched",
        "launches",
        "plans",
        "has",
        "have",
        "had",
        "will",
        "is",
        "was",
    ];
    VERBS.contains(&word)
}

/// Corporate suffixes that end an organisation's name (`Kestrel Capital`).
pub const SUFFIXES: &[&str] = &[
    "AI",
    "Labs",
    "Lab",
    "Technologies",
    "Technology",
    "Capital",
    "Ventures",
    "Securities",
    "Partners",
    "SA",
    "SAS",
    "SASU",
    "SE",
    "Inc.",
    "Inc",
    "Ltd",
    "Ltd.",
    "GmbH",
    "AG",
    "Group",
    "Groupe",
    "Systems",
    "Robotics",
    "Bank",
    "Holdings",
    "Holding",
    "Software",
    "Industries",
    "Corp.",
    "Corp",
    "Corporation",
    "Therapeutics",
    "Analytics",
    "Networks",
    "Solutions",
    "Consulting",
    "Studios",
    "Games",
    "Pharma",
    "Biotech",
    "Investments",
    "Advisors",
    "Semiconductor",
    "Semiconductors",
    "Dynamics",
    "Motors",
    "Aerospace",
    "Innovations",
    "LLC",
    "PLC",
    "plc",
    "BV",
    "NV",
    "Co.",
    "Co",
    "Cie",
    "Associés",
    "Conseil",
    "Foundation",
];

/// Whether `word` is a corporate suffix, as written.
pub fn is_suffix(word: &str) -> bool {
    SUFFIXES.contains(&word)
}

/// Capitalised words that start sentences or titles but never a name:
/// glaneur-text's function words, and the pronouns, adverbs, titles and
/// prepositions that start a sentence of this kind of news. `word` is
/// lowercased.
pub fn is_function_word(word: &str) -> bool {
    const MORE: &[&str] = &[
        "notre",
        "nos",
        "votre",
        "vos",
        "mon",
        "ma",
        "mes",
        "au",
        "aux",
        "ni",
        "alors",
        "ainsi",
        "toutefois",
        "pourtant",
        "enfin",
        "face",
        "outre",
        "contrairement",
        "nous",
        "vous",
        "je",
        "tu",
        "c'",
        "qu'",
        "que",
        "qui",
        "quoi",
        "dont",
        "où",
        "entre",
        "vers",
        "contre",
        "sans",
        "lors",
        "comme",
        "aussi",
        "même",
        "tout",
        "tous",
        "toute",
        "toutes",
        "cependant",
        "néanmoins",
        "désormais",
        "déjà",
        "encore",
        "puis",
        "fondée",
        "fondé",
        "créée",
        "créé",
        "basée",
        "basé",
        "these",
        "those",
        "its",
        "their",
        "his",
        "her",
        "our",
        "but",
        "according",
        "after",
        "before",
        "since",
        "while",
        "when",
        "if",
        "as",
        "it",
        "he",
        "she",
        "they",
        "we",
        "i",
        "you",
        "mr",
        "mrs",
        "ms",
        "m.",
        "mme",
        "dr",
        "pr",
        "président",
        "présidente",
        "directeur",
        "directrice",
        "pdg",
        "ceo",
        "hormis",
        "excepté",
        "sauf",
        "notamment",
        "tandis",
        "lorsque",
        "puisque",
        "parmi",
        "grâce",
        "malgré",
        "via",
        "chacun",
    ];
    glaneur_text::is_function_word(word) || MORE.contains(&word)
}

/// Words right before an ambiguous name that say it is not the company:
/// the platform as a place (`sur Facebook`), the colour, the river.
pub fn is_negative_cue(word: &str) -> bool {
    matches!(
        word,
        "sur"
            | "via"
            | "couleur"
            | "teinte"
            | "fleuve"
            | "forêt"
            | "vent"
            | "film"
            | "roman"
            | "livre"
            | "chanson"
            | "album"
            | "série"
            | "programme"
            | "mission"
            | "on"
            | "tarte"
    )
}

/// Capitalised words that are places, months or days, never a name found
/// by a cue.
pub fn is_not_a_name(word: &str) -> bool {
    const WORDS: &[&str] = &[
        "paris",
        "france",
        "europe",
        "londres",
        "berlin",
        "bruxelles",
        "washington",
        "pékin",
        "chine",
        "japon",
        "allemagne",
        "italie",
        "espagne",
        "inde",
        "californie",
        "silicon",
        "valley",
        "redmond",
        "janvier",
        "février",
        "mars",
        "avril",
        "mai",
        "juin",
        "juillet",
        "août",
        "septembre",
        "octobre",
        "novembre",
        "décembre",
        "lundi",
        "mardi",
        "mercredi",
        "jeudi",
        "vendredi",
        "samedi",
        "dimanche",
        "ia",
        "intelligence",
        "artificielle",
        "etats-unis",
        "états-unis",
        "royaume-uni",
        "lyon",
        "marseille",
        "toulouse",
        "bordeaux",
        "lille",
        "nantes",
        "grenoble",
    ];
    WORDS.contains(&word)
}

/// One-word products and services: an ambiguous name listed with them is a
/// product too (`Windows, Office et GitHub`).
pub fn is_product_word(word: &str) -> bool {
    matches!(
        word,
        "Windows"
            | "Office"
            | "Azure"
            | "Teams"
            | "Outlook"
            | "Bing"
            | "Copilot"
            | "ChatGPT"
            | "Android"
            | "iOS"
            | "iPhone"
            | "iPad"
            | "Chrome"
            | "Gmail"
            | "YouTube"
            | "Instagram"
            | "WhatsApp"
            | "Messenger"
            | "Excel"
            | "Word"
            | "PowerPoint"
            | "Xbox"
            | "Siri"
            | "Alexa"
            | "Slack"
            | "Zoom"
            | "Threads"
            | "Snapchat"
            | "Gemini"
            | "Claude"
            | "Kindle"
            | "Photoshop"
            | "Linux"
            | "macOS"
    )
}

/// `le PDG de X`, `le rachat de X`: nouns whose `de` complement is an
/// organisation's name.
pub const OF_NOUNS: &[&str] = &[
    "rachat",
    "acquisition",
    "pdg",
    "patron",
    "patronne",
    "fondateur",
    "fondatrice",
    "cofondateur",
    "cofondatrice",
    "directeur général",
    "directrice générale",
    "dg",
    "salariés",
    "employés",
    "actionnaires",
    "filiale",
    "conseil d'administration",
    "porte-parole",
    "dirigeants",
    "dirigeant",
    "dirigeante",
    "ingénieurs",
    "chercheurs",
    "fondateurs",
    "président-directeur général",
    "présidente-directrice générale",
    "capital",
    "valorisation",
    "introduction en bourse",
    "ceo",
    "cto",
    "cfo",
];
