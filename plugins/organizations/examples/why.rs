//! Prints every organisation mention of a file with the rule that found it.
fn main() {
    let path = std::env::args().nth(1).expect("usage: why FILE");
    let text = std::fs::read_to_string(path).expect("readable");
    let orgs = glaneur_plugin_organizations::Organizations::load().expect("loads");
    for m in orgs.mentions(&text) {
        println!("{:>6}..{:<6} {:<28} {:<28} {}", m.start, m.end, &text[m.start..m.end], m.canonical, m.rule);
    }
}
