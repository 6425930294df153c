//! Concepts: what a column or a field is about, independent of language and target.
//! Headers are read into concepts (`vocabulary`), catalog fields are given concepts
//! (`fields`), and a column suits a field when their concepts meet.
//!
//! Each concept also says what its values look like ([`Expect`]) and how far those values
//! alone, under a header that says nothing, may vouch for it.

/// What a column or field is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub(crate) enum Concept {
    Email,
    PrivateEmail,
    GivenName,
    FamilyName,
    MiddleName,
    Patronymic,
    FullName,
    DisplayName,
    Nickname,
    Salutation,
    EmployeeId,
    Username,
    Password,
    Department,
    JobTitle,
    CostCenter,
    Location,
    Organization,
    Division,
    EmploymentType,
    ManagerId,
    BirthDate,
    HireDate,
    ExitDate,
    Phone,
    Mobile,
    HomePhone,
    Fax,
    Gender,
    Active,
    Blocked,
    City,
    PostalCode,
    Street,
    Region,
    Country,
    Language,
    Timezone,
    Website,
    Picture,
    Groups,
    Roles,
    Tags,
    Notes,
}

/// The shape a concept's values take, as far as a sample can tell.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Expect {
    Email,
    Phone,
    Date,
    Boolean,
    Gender,
    Url,
    /// Unique single tokens with a digit: personnel numbers, ids.
    Id,
    /// Single tokens without spaces: logins.
    Token,
    /// Capitalised words without digits: one part of a name.
    Name,
    /// A name of two or more words.
    FullName,
    /// Free text: the values say nothing either way.
    Text,
}

impl Concept {
    /// How the concept reads in a reason for people.
    pub(crate) fn label(self) -> &'static str {
        use Concept::*;
        match self {
            Email => "email",
            PrivateEmail => "private email",
            GivenName => "given name",
            FamilyName => "family name",
            MiddleName => "middle name",
            Patronymic => "patronymic",
            FullName => "full name",
            DisplayName => "display name",
            Nickname => "nickname",
            Salutation => "salutation or title",
            EmployeeId => "employee id",
            Username => "username",
            Password => "password",
            Department => "department",
            JobTitle => "job title",
            CostCenter => "cost center",
            Location => "location",
            Organization => "organisation",
            Division => "division",
            EmploymentType => "employment type",
            ManagerId => "manager",
            BirthDate => "birth date",
            HireDate => "hire date",
            ExitDate => "exit date",
            Phone => "phone",
            Mobile => "mobile phone",
            HomePhone => "home phone",
            Fax => "fax",
            Gender => "gender",
            Active => "active flag",
            Blocked => "blocked flag",
            City => "city",
            PostalCode => "postal code",
            Street => "street",
            Region => "region",
            Country => "country",
            Language => "language",
            Timezone => "time zone",
            Website => "web address",
            Picture => "picture",
            Groups => "groups",
            Roles => "roles",
            Tags => "tags",
            Notes => "notes",
        }
    }

    /// What the concept's values look like.
    pub(crate) fn expected_shape(self) -> Expect {
        use Concept::*;
        match self {
            Email | PrivateEmail => Expect::Email,
            Phone | Mobile | HomePhone | Fax => Expect::Phone,
            BirthDate | HireDate | ExitDate => Expect::Date,
            Active | Blocked => Expect::Boolean,
            Gender => Expect::Gender,
            Website | Picture => Expect::Url,
            EmployeeId => Expect::Id,
            Username => Expect::Token,
            GivenName | FamilyName | MiddleName | Patronymic | Nickname | DisplayName => {
                Expect::Name
            }
            FullName => Expect::FullName,
            _ => Expect::Text,
        }
    }

    /// How far values alone may vouch for the concept when the header says nothing. Emails
    /// are unmistakable; phones and links nearly so; a date could be a birth, hire or exit
    /// date and a yes/no column could mean anything, so those stay below the mapping
    /// threshold; names, ids and text are never guessed from values alone.
    pub(crate) fn value_only_weight(self) -> f32 {
        use Concept::*;
        match self {
            Email => 0.8,
            Phone => 0.6,
            Mobile | Website | PrivateEmail => 0.5,
            Gender => 0.45,
            HomePhone | Picture => 0.4,
            BirthDate | HireDate | Active => 0.3,
            _ => 0.0,
        }
    }

    /// Whether the concept is one part of a person's name, which a full-name column can
    /// supply through a `split_name` transform.
    pub(crate) fn name_part(self) -> Option<crate::mapping::transform::NamePart> {
        use crate::mapping::transform::NamePart;
        match self {
            Concept::GivenName => Some(NamePart::First),
            Concept::FamilyName => Some(NamePart::Last),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn distinctive_concepts_may_be_guessed_from_values() {
        assert!(Concept::Email.value_only_weight() > Concept::Phone.value_only_weight());
        assert!(Concept::BirthDate.value_only_weight() < 0.5);
        assert_eq!(Concept::GivenName.value_only_weight(), 0.0);
        assert_eq!(Concept::EmployeeId.expected_shape(), Expect::Id);
        assert_eq!(Concept::Mobile.label(), "mobile phone");
    }
}
