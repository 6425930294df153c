//! Checking one user object against document 003's field table.

use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use serde_json::{Map, Value};

/// Mandatory fields, in the order 003's sample error lists them.
const REQUIRED: [&str; 5] = ["uid", "login", "email", "firstname", "secondname"];

/// Optional string fields of 003's table.
const OPTIONAL_STRINGS: [&str; 23] = [
    "patronymic",
    "password",
    "birth_date",
    "city",
    "department",
    "position",
    "phone",
    "tags",
    "facebook_id",
    "google_id",
    "date_of_employment",
    "work_contact",
    "date_of_assignment_current_position",
    "structure_uid",
    "user_field1",
    "user_field2",
    "user_field3",
    "user_field4",
    "user_field5",
    "customInfo",
    "language",
    "manager_id",
    "manager_uid",
];

const DATE_FIELDS: [&str; 3] = [
    "birth_date",
    "date_of_employment",
    "date_of_assignment_current_position",
];

const LANGUAGES: [&str; 7] = ["EN", "UK", "DE", "ES", "ET", "TR", "RU"];

/// A user object that passed every check.
pub(crate) struct Valid {
    pub uid: String,
    pub login: String,
    pub email: String,
    /// `is_active` when sent: `true` enabled, `false` blocked.
    pub active: Option<bool>,
}

/// Checks `user`; the `Err` is the message for `{"error": …}`.
pub(crate) fn check(user: &Map<String, Value>, require_position: bool) -> Result<Valid, String> {
    let text = |field: &str| {
        user.get(field)
            .and_then(Value::as_str)
            .map(str::trim)
            .filter(|t| !t.is_empty())
    };
    let mut required: Vec<&str> = REQUIRED.to_vec();
    if require_position {
        required.push("position");
    }
    if required.iter().any(|field| text(field).is_none()) {
        return Err(format!("Required fields: {}", required.join(", ")));
    }
    for (field, value) in user {
        let name = field.as_str();
        if REQUIRED.contains(&name) || OPTIONAL_STRINGS.contains(&name) {
            if !value.is_string() && !value.is_null() {
                return Err(format!("Field {name} must be a string"));
            }
        } else if name != "gender" && name != "is_active" {
            return Err(format!("Unknown field: {name}"));
        }
    }
    let gender = flag(user.get("gender"));
    if gender == Err(()) {
        return Err("Field gender must be 0 (male) or 1 (female)".to_owned());
    }
    let Ok(active) = flag(user.get("is_active")) else {
        return Err("Field is_active must be 1 (enabled) or 0 (blocked)".to_owned());
    };
    for field in DATE_FIELDS {
        if let Some(date) = text(field)
            && !is_date(date)
        {
            return Err(format!(
                "Field {field} must be a date in the format DD.MM.YYYY or YYYY-MM-DD"
            ));
        }
    }
    let email = text("email").unwrap_or_default();
    if !plausible_email(email) {
        return Err(format!("Invalid email: {email}"));
    }
    if let Some(language) = text("language")
        && !LANGUAGES.contains(&language)
    {
        return Err(format!(
            "Field language must be one of {}",
            LANGUAGES.join(", ")
        ));
    }
    if let Some(info) = text("customInfo")
        && !is_base64_json(info)
    {
        return Err("Field customInfo must be JSON encoded in BASE64".to_owned());
    }
    Ok(Valid {
        uid: text("uid").unwrap_or_default().to_owned(),
        login: text("login").unwrap_or_default().to_owned(),
        email: email.to_owned(),
        active,
    })
}

/// A 0/1 number field: absent or null is `None`, 1 is `true`, 0 is `false`.
fn flag(value: Option<&Value>) -> Result<Option<bool>, ()> {
    match value {
        None | Some(Value::Null) => Ok(None),
        Some(number) => match number.as_u64() {
            Some(1) => Ok(Some(true)),
            Some(0) => Ok(Some(false)),
            _ => Err(()),
        },
    }
}

/// `DD.MM.YYYY` or `YYYY-MM-DD`, naming a day that exists.
pub(crate) fn is_date(text: &str) -> bool {
    let parts: Vec<&str> = if text.contains('.') {
        let mut parts: Vec<&str> = text.split('.').collect();
        parts.reverse();
        parts
    } else {
        text.split('-').collect()
    };
    let [year, month, day] = parts.as_slice() else {
        return false;
    };
    let digits =
        |part: &str, len: usize| part.len() == len && part.bytes().all(|b| b.is_ascii_digit());
    if !(digits(year, 4) && digits(month, 2) && digits(day, 2)) {
        return false;
    }
    let (Ok(year), Ok(month), Ok(day)) = (
        year.parse::<u32>(),
        month.parse::<u32>(),
        day.parse::<u32>(),
    ) else {
        return false;
    };
    let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
    let days_in_month = match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return false,
    };
    (1..=days_in_month).contains(&day)
}

fn plausible_email(email: &str) -> bool {
    email.split_once('@').is_some_and(|(local, domain)| {
        !local.is_empty() && !domain.is_empty() && !domain.contains('@')
    }) && !email.chars().any(char::is_whitespace)
}

fn is_base64_json(text: &str) -> bool {
    STANDARD
        .decode(text)
        .ok()
        .is_some_and(|bytes| serde_json::from_slice::<Value>(&bytes).is_ok())
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn run(user: Value) -> Result<Valid, String> {
        check(user.as_object().unwrap(), false)
    }

    fn base() -> Value {
        json!({"uid": "cl1", "secondname": "Smith", "firstname": "John", "login": "john", "email": "j@x.com"})
    }

    #[test]
    fn dates() {
        for good in ["26.07.1988", "1988-07-26", "29.02.2000", "2024-02-29"] {
            assert!(is_date(good), "{good}");
        }
        for bad in [
            "26.07.88",
            "1988/07/26",
            "31.04.2020",
            "29.02.1900",
            "2023-13-01",
            "26.07.19888",
            "",
        ] {
            assert!(!is_date(bad), "{bad}");
        }
    }

    #[test]
    fn required_fields_message() {
        let mut user = base();
        user["email"] = json!("");
        assert_eq!(
            run(user).err().unwrap(),
            "Required fields: uid, login, email, firstname, secondname"
        );
        let mut user = base();
        user.as_object_mut().unwrap().remove("uid");
        let message = check(user.as_object().unwrap(), true).err().unwrap();
        assert_eq!(
            message,
            "Required fields: uid, login, email, firstname, secondname, position"
        );
    }

    #[test]
    fn flags_and_types() {
        let mut user = base();
        user["is_active"] = json!(0);
        user["gender"] = json!(1);
        assert_eq!(run(user).unwrap().active, Some(false));
        let mut user = base();
        user["gender"] = json!(2);
        assert!(run(user).err().unwrap().contains("gender"));
        let mut user = base();
        user["is_active"] = json!("1");
        assert!(run(user).err().unwrap().contains("is_active"));
        let mut user = base();
        user["city"] = json!(7);
        assert_eq!(run(user).err().unwrap(), "Field city must be a string");
        let mut user = base();
        user["second_name"] = json!("x");
        assert_eq!(run(user).err().unwrap(), "Unknown field: second_name");
    }

    #[test]
    fn language_and_custom_info() {
        let mut user = base();
        user["language"] = json!("FR");
        assert!(run(user).is_err());
        let mut user = base();
        user["customInfo"] = json!(STANDARD.encode(br#"{"vacation_days":21}"#));
        user["language"] = json!("UK");
        assert!(run(user).is_ok());
        let mut user = base();
        user["customInfo"] = json!("not base64 json");
        assert!(run(user).is_err());
    }
}
