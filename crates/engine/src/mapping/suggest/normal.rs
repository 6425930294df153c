//! Normalising names before comparing them: headers as people write them (`E-Mail`,
//! `Prénom`, `Personal-Nr.`) and field names as targets write them (`name.givenName`,
//! `birth_date`) become comparable keys.
//!
//! Accents are folded by transliteration (`deunicode`): `é` → `e`, `ß` → `ss`, `ñ` → `n`.
//! German `ä` becomes `a`, not `ae`; that is harmless because the vocabulary goes through the
//! same folding, so `Geschäft` and `Geschaft` meet either way.

/// The whole name as one key: folded, lowercase, letters and digits only.
/// `"Adresse e-mail"` → `"adresseemail"`, `"Apellido(s)"` → `"apellidos"`.
pub(crate) fn key(text: &str) -> String {
    deunicode::deunicode(text)
        .chars()
        .filter(char::is_ascii_alphanumeric)
        .map(|c| c.to_ascii_lowercase())
        .collect()
}

/// The name's words: folded and lowercase, split at anything that is not a letter or digit
/// and where a lowercase letter meets an uppercase one (`givenName` → `given`, `name`).
pub(crate) fn words(text: &str) -> Vec<String> {
    let folded = deunicode::deunicode(text);
    let mut words = Vec::new();
    let mut current = String::new();
    let mut previous_lower = false;
    for c in folded.chars() {
        if !c.is_ascii_alphanumeric() {
            flush(&mut words, &mut current);
            previous_lower = false;
            continue;
        }
        // camelCase boundary: field names like `familyName`, headers like `EmployeeID`.
        if c.is_ascii_uppercase() && previous_lower {
            flush(&mut words, &mut current);
        }
        previous_lower = c.is_ascii_lowercase() || c.is_ascii_digit();
        current.push(c.to_ascii_lowercase());
    }
    flush(&mut words, &mut current);
    words
}

fn flush(words: &mut Vec<String>, current: &mut String) {
    if !current.is_empty() {
        words.push(std::mem::take(current));
    }
}

/// The part of a target's field name that says what it holds: the attribute after a schema
/// URN (`urn:…:User:employeeNumber` → `employeeNumber`), with the URN's dots kept out.
pub(crate) fn field_stem(name: &str) -> &str {
    if name.starts_with("urn:") {
        name.rsplit(':').next().unwrap_or(name)
    } else {
        name
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_fold_accents_case_and_punctuation() {
        assert_eq!(key("E-Mail"), "email");
        assert_eq!(key("e_mail"), "email");
        assert_eq!(key("Adresse e-mail"), "adresseemail");
        assert_eq!(key("Correo electrónico"), "correoelectronico");
        assert_eq!(key("Prénom"), "prenom");
        assert_eq!(key("Personal-Nr."), "personalnr");
        assert_eq!(key("Apellido(s)"), "apellidos");
        assert_eq!(key("Straße"), "strasse");
        assert_eq!(key("Número de empleado"), "numerodeempleado");
    }

    #[test]
    fn words_split_at_punctuation_and_camel_case() {
        assert_eq!(words("Work Email"), ["work", "email"]);
        assert_eq!(words("name.givenName"), ["name", "given", "name"]);
        assert_eq!(words("emails[work].value"), ["emails", "work", "value"]);
        assert_eq!(words("EmployeeID"), ["employee", "id"]);
        assert_eq!(words("Nom d'utilisateur"), ["nom", "d", "utilisateur"]);
        assert_eq!(words("  "), Vec::<String>::new());
    }

    #[test]
    fn stems_drop_schema_urns() {
        assert_eq!(
            field_stem("urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:employeeNumber"),
            "employeeNumber"
        );
        assert_eq!(field_stem("name.givenName"), "name.givenName");
    }
}
