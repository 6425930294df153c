use super::*;

/// Names `keys` in order, each first met at the record after the last.
fn name_all(keys: &[&str]) -> (Vec<String>, Names) {
    let mut naming = Names::default();
    let mut names = Vec::new();
    for (at, key) in keys.iter().enumerate() {
        let name = naming.name(key, at as u64 + 1, &names);
        names.push(name);
    }
    (names, naming)
}

#[test]
fn keys_alike_but_for_capitals_or_spaces_are_numbered_and_reported() {
    let (names, naming) = name_all(&["active", "actiVe", " Active ", "email", "ACTIVE"]);
    assert_eq!(
        names,
        ["active", "actiVe (2)", "Active (3)", "email", "ACTIVE (4)"]
    );
    let problems = naming.problems(Numbering::Record);
    let messages: Vec<String> = problems.list().iter().map(Problem::message).collect();
    assert_eq!(messages.len(), 3);
    assert!(
        messages[0].starts_with(
            "record 2 has the key \"actiVe\", which differs from the column \"active\" only in capitals or spaces; its values are in the column \"actiVe (2)\"."
        ),
        "{}",
        messages[0]
    );
    assert!(messages[2].starts_with("record 5 "), "{}", messages[2]);
}

#[test]
fn an_empty_key_is_named_after_its_column_letter() {
    let (names, naming) = name_all(&["id", "", "   ", "Column B"]);
    assert_eq!(names, ["id", "Column B", "Column C", "Column B (2)"]);
    let problems = naming.problems(Numbering::Line);
    let codes: Vec<&str> = problems.list().iter().map(Problem::code).collect();
    assert_eq!(codes, ["unnamed_key", "unnamed_key", "similar_key"]);
    let message = problems.list()[0].message();
    assert!(
        message.starts_with(
            "line 2 has a key with no name; its values are in the column \"Column B\"."
        ),
        "{message}"
    );
}

#[test]
fn a_number_already_taken_by_a_key_is_skipped() {
    let (names, _) = name_all(&["a", "a (2)", "A", "A (3)", " a"]);
    assert_eq!(names, ["a", "a (2)", "A (3)", "A (3) (2)", "a (4)"]);
}

#[test]
fn thousands_of_keys_alike_are_numbered_without_counting_up_each_time() {
    let keys: Vec<String> = (0..5000).map(|n| format!("{}a", " ".repeat(n))).collect();
    let keys: Vec<&str> = keys.iter().map(String::as_str).collect();
    let (names, naming) = name_all(&keys);
    assert_eq!(names[4999], "a (5000)");
    assert_eq!(naming.problems(Numbering::Record).total(), 4999);
}
