//! HTML documents: the text a reader sees, with a map back to the bytes of
//! the original file, so that entity offsets point into the file as read.
//!
//! Tags, comments, `<script>` and `<style>` content are skipped; block tags
//! (`<p>`, `<div>`, `<br>`, headings, list items, table cells…) become
//! paragraph breaks so that no quotation or amount runs across them;
//! character references (`&eacute;`, `&#233;`, `&#xE9;`) are decoded.

/// A run of the extracted text and where it came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Segment {
    /// Start of the run in the extracted text.
    text_start: usize,
    /// Its length in the extracted text.
    text_len: usize,
    /// Start of its source in the original.
    orig_start: usize,
    /// Length of its source in the original.
    orig_len: usize,
    /// Copied byte for byte (offsets inside map one to one).
    copied: bool,
}

/// The text of an HTML document and its map to the original bytes.
#[derive(Debug, Clone, Default)]
pub struct HtmlText {
    /// What a reader sees, given to the plugins.
    pub text: String,
    segments: Vec<Segment>,
}

impl HtmlText {
    /// Maps a start offset in [`HtmlText::text`] to the original.
    pub fn map_start(&self, offset: usize) -> usize {
        match self.segment_at(offset, false) {
            Some(s) if s.copied => s.orig_start + (offset - s.text_start),
            Some(s) => s.orig_start,
            None => self.orig_end(),
        }
    }

    /// Maps an end offset in [`HtmlText::text`] to the original.
    pub fn map_end(&self, offset: usize) -> usize {
        match self.segment_at(offset, true) {
            Some(s) if s.copied => s.orig_start + (offset - s.text_start),
            Some(s) => s.orig_start + s.orig_len,
            None => 0,
        }
    }

    /// The segment containing `offset`: as a start, `text_start <= offset <
    /// end`; as an end, `text_start < offset <= end`.
    fn segment_at(&self, offset: usize, as_end: bool) -> Option<&Segment> {
        let index = self.segments.partition_point(|s| {
            let end = s.text_start + s.text_len;
            if as_end {
                end < offset
            } else {
                end <= offset
            }
        });
        self.segments.get(index).filter(|s| if as_end { s.text_start < offset } else { s.text_start <= offset })
    }

    fn orig_end(&self) -> usize {
        self.segments.last().map_or(0, |s| s.orig_start + s.orig_len)
    }

    fn push(&mut self, piece: &str, orig_start: usize, orig_len: usize, copied: bool) {
        if piece.is_empty() {
            return;
        }
        self.segments.push(Segment {
            text_start: self.text.len(),
            text_len: piece.len(),
            orig_start,
            orig_len,
            copied,
        });
        self.text.push_str(piece);
    }
}

/// Tags after which a reader sees a new paragraph.
const BLOCK_TAGS: &[&str] = &[
    "address",
    "article",
    "aside",
    "blockquote",
    "br",
    "dd",
    "div",
    "dl",
    "dt",
    "figcaption",
    "figure",
    "footer",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "header",
    "hr",
    "li",
    "main",
    "nav",
    "ol",
    "p",
    "pre",
    "section",
    "table",
    "td",
    "th",
    "title",
    "tr",
    "ul",
];

/// What of a page to read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum HtmlMode {
    /// The article: the page without its navigation, headers and footers,
    /// cookie notices, sidebars, forms, share buttons and "lire aussi"
    /// boxes.
    #[default]
    Article,
    /// Every text of the page.
    Whole,
}

/// Tags whose content is no part of an article.
const BOILERPLATE_TAGS: &[&str] =
    &["nav", "footer", "aside", "form", "noscript", "template", "button", "select", "iframe", "svg"];

/// Words in a `class`, `id`, `role` or `aria-label` that mark a container of
/// boilerplate (lower case; matched as parts of the attribute's words).
const BOILERPLATE_MARKS: &[&str] = &[
    "nav",
    "menu",
    "footer",
    "cookie",
    "consent",
    "gdpr",
    "rgpd",
    "banner",
    "sidebar",
    "side-bar",
    "related",
    "recommend",
    "share",
    "social",
    "newsletter",
    "subscribe",
    "abonnement",
    "comment",
    "breadcrumb",
    "promo",
    "advert",
    "outbrain",
    "taboola",
    "lire-aussi",
    "lireaussi",
    "read-more",
    "readmore",
    "popup",
    "modal",
    "masthead",
    "toolbar",
    "paywall",
    "complementary",
    "contentinfo",
    "navigation",
    "widget",
    "sponsor",
];

/// Openings of a block that is a link to another article, not this one.
const ASIDE_OPENINGS: &[&str] = &[
    "lire aussi",
    "à lire aussi",
    "a lire aussi",
    "lire également",
    "à lire également",
    "voir aussi",
    "sur le même sujet",
    "read also",
    "read more",
    "related:",
    "publicité",
    "advertisement",
];

/// Whether the opening tag `tag` (its text, `<div class="…">`) marks a
/// container of boilerplate by its attributes.
fn marked_as_boilerplate(tag: &str) -> bool {
    let lower = tag.to_ascii_lowercase();
    ["class=", "id=", "role=", "aria-label="].iter().any(|attr| {
        let mut from = 0;
        while let Some(at) = lower[from..].find(attr) {
            let start = from + at + attr.len();
            let rest = &lower[start..];
            let (quote, body) = match rest.chars().next() {
                Some(q @ ('"' | '\'')) => (Some(q), &rest[1..]),
                _ => (None, rest),
            };
            let end = match quote {
                Some(q) => body.find(q).unwrap_or(body.len()),
                None => body.find([' ', '>', '/']).unwrap_or(body.len()),
            };
            let value = &body[..end];
            let words = value.split(|c: char| c.is_whitespace() || c == '_' || c == ':');
            // `cookie-banner`, `related-posts`: the mark, or a name it begins
            // (not `has-sidebar`, a layout class on a wrapper).
            let marked = |w: &str| {
                BOILERPLATE_MARKS.iter().any(|m| w.strip_prefix(m).is_some_and(|r| r.is_empty() || r.starts_with('-')))
            };
            if words.clone().any(marked) {
                return true;
            }
            from = start;
        }
        false
    })
}

/// Extracts the readable text of `html`: the whole page's.
pub fn extract_text(html: &str) -> HtmlText {
    read_page(html)
}

/// Extracts the text of `html` that `mode` reads. An article that comes
/// out all but empty (under 100 letters, under a tenth of the page's) from
/// a page with text (a wrapper marked like
/// boilerplate, an unusual layout) falls back to the whole page: a page
/// misread as all boilerplate would lose every fact.
pub fn extract(html: &str, mode: HtmlMode) -> HtmlText {
    let read = read(html, mode);
    if mode == HtmlMode::Article && letters(&read.text) < 100 {
        let whole = read_page(html);
        // Less than a tenth of the page's words: not an article, a misreading.
        if letters(&read.text) * 10 < letters(&whole.text) {
            return whole;
        }
    }
    read
}

/// The letters and digits of `text`.
fn letters(text: &str) -> usize {
    text.chars().filter(|c| c.is_alphanumeric()).count()
}

/// The whole page's text.
fn read_page(html: &str) -> HtmlText {
    read(html, HtmlMode::Whole)
}

/// Extracts the text of `html` that `mode` reads, without the fallback.
fn read(html: &str, mode: HtmlMode) -> HtmlText {
    let mut out = HtmlText::default();
    let bytes = html.as_bytes();
    let mut i = 0;
    let mut run_start = 0; // start of the pending copied run
    let mut next_gt = NextGt::default();
    // The boilerplate container being skipped: its tag and how deep in it.
    let mut skipping: Option<(String, usize)> = None;
    // Inside an <article> or <main>: a <header> there is the article's.
    let mut in_article = 0usize;
    let article = mode == HtmlMode::Article;
    let flush = |out: &mut HtmlText, from: usize, to: usize, skipping: bool| {
        if !skipping {
            out.push(&html[from..to], from, to - from, true)
        }
    };
    while i < bytes.len() {
        match bytes[i] {
            b'<' => {
                let Some(tag_end) = markup_end(html, i, &mut next_gt) else {
                    i += 1; // a lone `<` is text
                    continue;
                };
                flush(&mut out, run_start, i, skipping.is_some());
                let name = tag_name(&html[i..tag_end]);
                let closing = html[i..tag_end].starts_with("</");
                let mut end = tag_end;
                if matches!(name.as_str(), "script" | "style") && !closing {
                    end = find_ascii_ci(html, tag_end, &format!("</{name}"))
                        .and_then(|close| html[close..].find('>').map(|g| close + g + 1))
                        .unwrap_or(html.len());
                }
                if article && !name.is_empty() {
                    let self_closing = html[i..tag_end].ends_with("/>");
                    match &mut skipping {
                        Some((skipped, depth)) if *skipped == name && !self_closing => {
                            if closing {
                                *depth -= 1;
                            } else {
                                *depth += 1;
                            }
                            if *depth == 0 {
                                // Its end is a paragraph break, as any block's.
                                skipping = None;
                                if !out.text.is_empty() && !out.text.ends_with("\n\n") {
                                    let brk = if out.text.ends_with('\n') { "\n" } else { "\n\n" };
                                    out.push(brk, i, 0, false);
                                }
                                i = end;
                                run_start = end;
                                continue;
                            }
                        }
                        Some(_) => {}
                        None if !closing && !self_closing => {
                            let page_header = name == "header" && in_article == 0;
                            // The page and the article are never boilerplate, whatever their classes.
                            let container = !matches!(name.as_str(), "html" | "body" | "main" | "article");
                            if BOILERPLATE_TAGS.contains(&name.as_str())
                                || page_header
                                || container && marked_as_boilerplate(&html[i..tag_end])
                            {
                                skipping = Some((name.clone(), 1));
                            } else if matches!(name.as_str(), "article" | "main") {
                                in_article += 1;
                            }
                        }
                        None => {
                            if closing && matches!(name.as_str(), "article" | "main") {
                                in_article = in_article.saturating_sub(1);
                            }
                        }
                    }
                }
                if skipping.is_some() {
                    i = end;
                    run_start = end;
                    continue;
                }
                if BLOCK_TAGS.contains(&name.as_str()) && !out.text.ends_with("\n\n") {
                    let brk = if out.text.ends_with('\n') || out.text.is_empty() { "\n" } else { "\n\n" };
                    if !out.text.is_empty() {
                        out.push(brk, i, 0, false);
                    }
                }
                i = end;
                run_start = end;
            }
            b'&' => match decode_reference(&html[i..]) {
                Some((decoded, len)) => {
                    flush(&mut out, run_start, i, skipping.is_some());
                    if skipping.is_none() {
                        let mut buf = [0u8; 4];
                        out.push(decoded.encode_utf8(&mut buf), i, len, false);
                    }
                    i += len;
                    run_start = i;
                }
                None => i += 1,
            },
            _ => i += 1,
        }
    }
    flush(&mut out, run_start, html.len(), skipping.is_some());
    if article {
        out.drop_asides();
    }
    out
}

impl HtmlText {
    /// Drops the paragraphs that open like a link to another article (`Lire
    /// aussi : …`): their text becomes nothing, their bytes are still mapped.
    fn drop_asides(&mut self) {
        let text = std::mem::take(&mut self.text);
        let segments = std::mem::take(&mut self.segments);
        // The paragraphs to drop, in order, as ranges of the text.
        let mut asides = Vec::new();
        let mut paragraph_start = 0;
        for paragraph in text.split_inclusive("\n\n") {
            let end = paragraph_start + paragraph.len();
            let opening = paragraph.trim_start().chars().take(24).collect::<String>().to_lowercase();
            if ASIDE_OPENINGS.iter().any(|o| opening.starts_with(o)) {
                asides.push(paragraph_start..end);
            }
            paragraph_start = end;
        }
        // One pass over the segments: an aside's words go, the breaks around it stay.
        let mut next = asides.iter().peekable();
        for s in segments {
            let end = s.text_start + s.text_len;
            while next.peek().is_some_and(|a| a.end < end) {
                next.next();
            }
            let piece = &text[s.text_start..end];
            let in_aside = next.peek().is_some_and(|a| a.start <= s.text_start && end <= a.end);
            if !in_aside || piece.trim().is_empty() {
                self.push(piece, s.orig_start, s.orig_len, s.copied);
            }
        }
    }
}

/// End (exclusive) of the tag, comment or declaration starting at `start`,
/// or `None` when the `<` does not open markup.
fn markup_end(html: &str, start: usize, next_gt: &mut NextGt) -> Option<usize> {
    let rest = &html[start..];
    if rest.starts_with("<!--") {
        return Some(rest.find("-->").map_or(html.len(), |e| start + e + 3));
    }
    let next = rest.as_bytes().get(1)?;
    if !(next.is_ascii_alphabetic() || *next == b'/' || *next == b'!' || *next == b'?') {
        return None;
    }
    next_gt.find(html, start).map(|e| e + 1)
}

/// The next `>` at or after a position, remembered: every `<` before it
/// shares it, so a page of `a<b a<b …` is read in one pass, not one per `<`.
#[derive(Debug, Default)]
struct NextGt {
    /// Searched from here…
    from: usize,
    /// …and found this (`None`: no `>` after `from` at all).
    found: Option<Option<usize>>,
}

impl NextGt {
    fn find(&mut self, html: &str, at: usize) -> Option<usize> {
        let fresh = match self.found {
            Some(Some(gt)) => at < self.from || at > gt,
            Some(None) => at < self.from,
            None => true,
        };
        if fresh {
            self.from = at;
            self.found = Some(memchr::memchr(b'>', &html.as_bytes()[at..]).map(|i| at + i));
        }
        self.found.flatten()
    }
}

/// Lowercase name of the tag `<name …>` or `</name>`.
fn tag_name(tag: &str) -> String {
    tag.trim_start_matches('<')
        .trim_start_matches('/')
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric())
        .collect::<String>()
        .to_ascii_lowercase()
}

/// Byte offset of `needle` (ASCII) in `html` at or after `from`, ignoring case.
fn find_ascii_ci(html: &str, from: usize, needle: &str) -> Option<usize> {
    let hay = html.as_bytes();
    let needle = needle.as_bytes();
    (from..hay.len().saturating_sub(needle.len() - 1)).find(|&i| hay[i..i + needle.len()].eq_ignore_ascii_case(needle))
}

/// Decodes the character reference at the start of `s` (`&amp;`, `&#233;`,
/// `&#xE9;`): the character and the reference's length.
fn decode_reference(s: &str) -> Option<(char, usize)> {
    let window = &s.as_bytes()[1..s.len().min(12)];
    let end = window.iter().position(|b| *b == b';')? + 1;
    let body = &s[1..end];
    let c = if let Some(num) = body.strip_prefix('#') {
        let code = match num.strip_prefix(['x', 'X']) {
            Some(hex) => u32::from_str_radix(hex, 16).ok()?,
            None => num.parse().ok()?,
        };
        char::from_u32(code)?
    } else {
        named_reference(body)?
    };
    Some((c, end + 1))
}

/// The named references news pages use; others stay as written.
fn named_reference(name: &str) -> Option<char> {
    Some(match name {
        "amp" => '&',
        "lt" => '<',
        "gt" => '>',
        "quot" => '"',
        "apos" => '\'',
        "nbsp" => '\u{a0}',
        "thinsp" => '\u{2009}',
        "laquo" => '«',
        "raquo" => '»',
        "lsquo" => '‘',
        "rsquo" => '’',
        "ldquo" => '“',
        "rdquo" => '”',
        "bdquo" => '„',
        "lsaquo" => '‹',
        "rsaquo" => '›',
        "hellip" => '…',
        "ndash" => '–',
        "mdash" => '—',
        "euro" => '€',
        "pound" => '£',
        "yen" => '¥',
        "cent" => '¢',
        "copy" => '©',
        "reg" => '®',
        "deg" => '°',
        "middot" => '·',
        "agrave" => 'à',
        "acirc" => 'â',
        "auml" => 'ä',
        "ccedil" => 'ç',
        "eacute" => 'é',
        "egrave" => 'è',
        "ecirc" => 'ê',
        "euml" => 'ë',
        "icirc" => 'î',
        "iuml" => 'ï',
        "ocirc" => 'ô',
        "ouml" => 'ö',
        "ugrave" => 'ù',
        "ucirc" => 'û',
        "uuml" => 'ü',
        "yuml" => 'ÿ',
        "oelig" => 'œ',
        "aelig" => 'æ',
        "Agrave" => 'À',
        "Acirc" => 'Â',
        "Ccedil" => 'Ç',
        "Eacute" => 'É',
        "Egrave" => 'È',
        "Ecirc" => 'Ê',
        "Icirc" => 'Î',
        "Ocirc" => 'Ô',
        "OElig" => 'Œ',
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The original slice an extracted-text range maps to.
    fn original<'a>(html: &'a str, doc: &HtmlText, needle: &str) -> &'a str {
        let start = doc.text.find(needle).expect("needle in text");
        &html[doc.map_start(start)..doc.map_end(start + needle.len())]
    }

    #[test]
    fn tags_are_skipped_and_offsets_map_back() {
        let html = "<html><body><p>Microsoft a investi <b>10 milliards</b> de dollars.</p></body></html>";
        let doc = extract_text(html);
        assert_eq!(doc.text, "Microsoft a investi 10 milliards de dollars.\n\n");
        assert_eq!(original(html, &doc, "Microsoft"), "Microsoft");
        assert_eq!(original(html, &doc, "10 milliards de dollars"), "10 milliards</b> de dollars");
    }

    #[test]
    fn references_are_decoded_and_map_to_the_whole_reference() {
        let html = "<p>Le march&eacute; &laquo;&nbsp;explose&nbsp;&raquo;</p>";
        let doc = extract_text(html);
        assert!(doc.text.starts_with("Le marché «\u{a0}explose\u{a0}»"), "{:?}", doc.text);
        assert_eq!(original(html, &doc, "marché"), "march&eacute;");
        assert_eq!(original(html, &doc, "«\u{a0}explose\u{a0}»"), "&laquo;&nbsp;explose&nbsp;&raquo;");
    }

    #[test]
    fn scripts_styles_and_comments_vanish() {
        let html = "<head><style>p{color:red}</style><script>var x = '<p>';</script></head><!-- OpenAI --><p>Texte</p>";
        assert_eq!(extract_text(html).text.trim(), "Texte");
    }

    #[test]
    fn block_tags_separate_paragraphs() {
        let doc = extract_text("<p>Un.</p><p>Deux.</p>Trois<br>Quatre");
        assert_eq!(doc.text, "Un.\n\nDeux.\n\nTrois\n\nQuatre");
    }

    #[test]
    fn the_article_mode_leaves_out_boilerplate_and_maps_back() {
        let html = "<header class=\"top\"><nav>Orange</nav></header><div class=\"cookie-banner\">Criteo</div>\
                    <article><header><h1>Titre</h1></header><p>Nexalis lève 5 M€.</p>\
                    <p>Lire aussi : Google rachète</p><div class=\"x\"><div>Fin.</div></div></article>\
                    <aside>Apple</aside><footer class=\"site-footer\">Amazon</footer>";
        let page = extract(html, HtmlMode::Article);
        let words: Vec<&str> = page.text.split_whitespace().collect();
        assert_eq!(words, ["Titre", "Nexalis", "lève", "5", "M€.", "Fin."]);
        let at = page.text.find("Nexalis").expect("kept");
        assert_eq!(&html[page.map_start(at)..page.map_end(at + "Nexalis".len())], "Nexalis");
        let whole = extract(html, HtmlMode::Whole);
        assert!(whole.text.contains("Orange") && whole.text.contains("Amazon") && whole.text.contains("Google"));
    }

    #[test]
    fn a_page_misread_as_all_boilerplate_is_read_whole() {
        let html = "<body class=\"menu-open\"><div class=\"menu-wrapper\"><p>Nexalis lève 12 millions \
                    d'euros auprès de Bpifrance pour doubler ses effectifs en Europe cette année.</p></div></body>";
        assert!(extract(html, HtmlMode::Article).text.contains("Nexalis lève 12 millions"));
    }

    #[test]
    fn boilerplate_is_marked_by_class_id_role_or_label() {
        assert!(marked_as_boilerplate("<div class=\"article-share social\">"));
        assert!(marked_as_boilerplate("<section id='related-posts'>"));
        assert!(marked_as_boilerplate("<div role=navigation>"));
        assert!(!marked_as_boilerplate("<div class=\"article-body\">"));
        assert!(!marked_as_boilerplate("<p class=\"chapeau\">"));
        assert!(!marked_as_boilerplate("<div class=\"layout has-sidebar\">"));
    }

    #[test]
    fn a_lone_angle_bracket_is_text() {
        let doc = extract_text("<p>3 < 5 & 7</p>");
        assert_eq!(doc.text.trim(), "3 < 5 & 7");
        // `<b` with no `>` after it anywhere: text, every time.
        assert_eq!(extract_text("a<b a<b R&D").text, "a<b a<b R&D");
        // As a browser reads it: `<b y<i>` is one tag.
        assert_eq!(extract_text("x<b y<i>z</i>").text, "xz");
    }
}
