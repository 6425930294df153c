//! The `next` address of an RFC 8288 `Link` header:
//! `<https://api.example/people?page=2>; rel="next", <…>; rel="last"`.

/// The target of the first link whose `rel` includes `next`.
pub fn next_link(header: &str) -> Option<String> {
    for link in split_links(header) {
        let link = link.trim();
        let Some(rest) = link.strip_prefix('<') else {
            continue;
        };
        let Some((target, params)) = rest.split_once('>') else {
            continue;
        };
        let is_next = params.split(';').any(|param| {
            let Some((name, value)) = param.split_once('=') else {
                return false;
            };
            name.trim().eq_ignore_ascii_case("rel")
                && value
                    .trim()
                    .trim_matches('"')
                    .split_ascii_whitespace()
                    .any(|rel| rel.eq_ignore_ascii_case("next"))
        });
        if is_next {
            return Some(target.trim().to_owned());
        }
    }
    None
}

/// Links are separated by commas outside `<…>` and quotes.
fn split_links(header: &str) -> Vec<&str> {
    let mut links = Vec::new();
    let (mut in_angle, mut in_quote, mut start) = (false, false, 0);
    for (i, c) in header.char_indices() {
        match c {
            '<' if !in_quote => in_angle = true,
            '>' if !in_quote => in_angle = false,
            '"' if !in_angle => in_quote = !in_quote,
            ',' if !in_angle && !in_quote => {
                links.push(&header[start..i]);
                start = i + 1;
            }
            _ => {}
        }
    }
    links.push(&header[start..]);
    links
}

#[cfg(test)]
mod tests {
    use super::next_link;

    #[test]
    fn the_next_link_is_found_among_others() {
        let header = r#"<https://api.example/people?page=3&per_page=2>; rel="next", <https://api.example/people?page=9>; rel="last""#;
        assert_eq!(
            next_link(header).as_deref(),
            Some("https://api.example/people?page=3&per_page=2")
        );
        assert_eq!(
            next_link(r#"<https://a.example/?a=1,2>; rel="prev next""#).as_deref(),
            Some("https://a.example/?a=1,2")
        );
        assert_eq!(
            next_link(r#"<https://api.example/people?page=9>; rel="last""#),
            None
        );
        assert_eq!(next_link(""), None);
    }
}
