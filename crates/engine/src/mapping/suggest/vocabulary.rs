//! The header vocabulary: what people call each concept in English, German, French and
//! Spanish HR exports, with a weight for how sure a header that says exactly this is.
//!
//! Entries are written as people write them; `normal::key` folds both sides before any
//! comparison, so `Correo electrónico`, `correo_electronico` and `CORREO ELECTRONICO` are one
//! entry. Weights below 1.0 mark words that usually, but not always, mean the concept:
//! `Name` is often the family name beside a `Vorname` column, `Status` is not always an
//! active flag, French `Nom` is the family name but Spanish `Nombre` the given name.

use super::concept::Concept::{self, *};

/// Concept, weight of an exact match, and the words that mean it.
// A table of words: kept one concept per paragraph rather than one word per line.
#[rustfmt::skip]
pub(crate) const VOCABULARY: &[(Concept, f32, &[&str])] = &[
    (Email, 1.0, &[
        "email", "e-mail", "email address", "e-mail address", "e-mail-adresse", "emailadresse",
        "mailadresse", "courriel", "adresse e-mail", "adresse mail", "adresse électronique", "mél",
        "correo", "correo electrónico", "dirección de correo", "dirección de email",
        "e-mail geschäftlich", "dienstliche e-mail", "courriel professionnel", "correo corporativo",
        "mail",
    ]),
    (PrivateEmail, 1.0, &[
        "private email", "personal email", "home email", "e-mail privat", "private e-mail",
        "courriel personnel", "correo personal",
    ]),
    (GivenName, 1.0, &[
        "first name", "firstname", "given name", "givenname", "forename", "vorname", "vornamen",
        "rufname", "prénom", "prénoms", "primer nombre", "nombre de pila",
    ]),
    (GivenName, 0.9, &["nombre", "nombres", "first"]),
    (FamilyName, 1.0, &[
        "last name", "lastname", "surname", "family name", "familyname", "nachname", "familienname",
        "zuname", "nom de famille", "apellido", "apellidos", "primer apellido",
    ]),
    (FamilyName, 0.9, &["nom"]),
    (MiddleName, 1.0, &[
        "middle name", "middlename", "middle initial", "zweiter vorname", "deuxième prénom",
        "segundo nombre",
    ]),
    (Patronymic, 1.0, &["patronymic", "vatersname", "patronyme", "patronímico", "otchestvo"]),
    (FullName, 1.0, &[
        "full name", "fullname", "employee name", "mitarbeitername", "vollständiger name",
        "name vorname", "nachname vorname", "vorname nachname", "vorname name", "nom complet",
        "nom et prénom", "nom prénom", "prénom nom", "nombre completo", "nombre y apellidos",
        "apellidos y nombre", "nombre y apellido", "nombre del empleado",
    ]),
    (FullName, 0.8, &["name", "mitarbeiter", "mitarbeiterin", "collaborateur", "employee"]),
    (FullName, 0.6, &["empleado", "salarié", "person"]),
    (DisplayName, 1.0, &[
        "display name", "displayname", "anzeigename", "nom d'affichage", "nombre para mostrar",
        "nombre visible",
    ]),
    (Nickname, 1.0, &["nickname", "nick name", "spitzname", "surnom", "apodo"]),
    (Nickname, 0.7, &["alias"]),
    (Salutation, 1.0, &[
        "salutation", "anrede", "akademischer titel", "academic title", "civilité", "tratamiento",
        "honorific prefix",
    ]),
    (Salutation, 0.8, &["titel", "titre", "prefix"]),
    (EmployeeId, 1.0, &[
        "employee id", "employee number", "employee no", "employee code", "emp no", "emp id",
        "empid", "staff id", "staff number", "personnel number", "personalnummer", "personal-nr",
        "personalnr", "pers.-nr.", "persnr", "mitarbeiter-id", "mitarbeiternummer",
        "mitarbeiter-nr", "ma-nr", "matricule", "numéro d'employé", "numéro de salarié",
        "numéro employé", "id salarié", "matrícula", "número de empleado", "núm. empleado",
        "no. empleado", "id empleado", "id de empleado", "legajo", "worker id", "hr id",
        "external id", "externe id",
    ]),
    (EmployeeId, 0.8, &["uid", "pnr", "identifiant"]),
    (EmployeeId, 0.6, &["id", "ficha"]),
    (Username, 1.0, &[
        "username", "user name", "login", "login name", "loginname", "logon", "account name",
        "benutzername", "benutzerkennung", "anmeldename", "nom d'utilisateur",
        "identifiant de connexion", "nombre de usuario", "usuario", "samaccountname",
        "userprincipalname",
    ]),
    (Username, 0.8, &["user", "benutzer", "kennung", "utilisateur", "account"]),
    (Username, 0.7, &["cuenta"]),
    (Password, 1.0, &["password", "passwort", "kennwort", "mot de passe", "contraseña"]),
    (Department, 1.0, &[
        "department", "dept", "abteilung", "département", "departamento", "org unit",
        "organisational unit", "organizational unit", "organisationseinheit",
    ]),
    (Department, 0.9, &["service"]),
    (Department, 0.7, &["team", "área", "unité"]),
    (JobTitle, 1.0, &[
        "job title", "jobtitle", "position", "stellenbezeichnung", "berufsbezeichnung",
        "jobbezeichnung", "funktion", "tätigkeit", "poste", "fonction", "intitulé de poste",
        "intitulé du poste", "puesto", "cargo", "título del puesto", "designation",
    ]),
    (JobTitle, 0.8, &["title", "job", "stelle", "job role", "emploi"]),
    (CostCenter, 1.0, &[
        "cost center", "cost centre", "kostenstelle", "centre de coût", "centre de coûts",
        "centro de coste", "centro de costo", "centro de costos",
    ]),
    (CostCenter, 0.7, &["kst"]),
    (Location, 1.0, &[
        "location", "work location", "standort", "arbeitsort", "niederlassung", "site",
        "lieu de travail", "établissement", "ubicación", "sede", "centro de trabajo", "office",
    ]),
    (Location, 0.7, &["büro", "oficina"]),
    (Organization, 1.0, &[
        "company", "firma", "unternehmen", "gesellschaft", "organisation", "organization",
        "société", "entreprise", "empresa", "compañía", "organización", "legal entity",
    ]),
    (Organization, 0.7, &["mandant"]),
    (Division, 1.0, &[
        "division", "geschäftsbereich", "sparte", "división", "business unit", "unidad de negocio",
    ]),
    (Division, 0.8, &["bereich", "direction"]),
    (EmploymentType, 1.0, &[
        "employment type", "employee type", "worker type", "contract type", "beschäftigungsart",
        "mitarbeitertyp", "anstellungsart", "vertragsart", "type de contrat", "type d'emploi",
        "tipo de contrato", "tipo de empleado",
    ]),
    (ManagerId, 1.0, &[
        "manager", "manager id", "manager uid", "manager employee id", "line manager", "supervisor",
        "reports to", "vorgesetzter", "vorgesetzte", "führungskraft", "direkter vorgesetzter",
        "responsable", "responsable hiérarchique", "supérieur hiérarchique", "manager n+1", "jefe",
        "jefe directo", "responsable directo",
    ]),
    (ManagerId, 0.7, &["superior", "n+1"]),
    (BirthDate, 1.0, &[
        "date of birth", "birth date", "birthdate", "birthday", "dob", "geburtsdatum", "geburtstag",
        "geb.-datum", "date de naissance", "né le", "fecha de nacimiento", "fecha nacimiento",
    ]),
    (BirthDate, 0.8, &["nacimiento", "naissance"]),
    (HireDate, 1.0, &[
        "hire date", "start date", "date of hire", "date of joining", "joining date",
        "employment date", "start of employment", "entry date", "eintrittsdatum", "eintritt",
        "einstellungsdatum", "beschäftigungsbeginn", "diensteintritt", "date d'embauche",
        "date d'entrée", "date d'arrivée", "fecha de alta", "fecha alta", "fecha de ingreso",
        "fecha ingreso", "fecha de incorporación", "fecha de contratación",
    ]),
    (HireDate, 0.6, &["alta", "ingreso", "embauche"]),
    (ExitDate, 1.0, &[
        "exit date", "end date", "termination date", "leaving date", "austrittsdatum", "austritt",
        "date de sortie", "date de départ", "fecha de baja", "fecha baja", "fecha de salida",
    ]),
    (ExitDate, 0.7, &["baja", "ende"]),
    (Phone, 1.0, &[
        "phone", "phone number", "telephone", "tel", "telefon", "telefonnummer", "rufnummer",
        "durchwahl", "festnetz", "téléphone", "numéro de téléphone", "tél", "téléphone fixe",
        "teléfono", "número de teléfono", "teléfono fijo", "work phone", "office phone",
        "business phone", "telefon geschäftlich",
    ]),
    (Mobile, 1.0, &[
        "mobile", "mobile phone", "mobile number", "cell", "cell phone", "cellphone", "handy",
        "handynummer", "mobil", "mobiltelefon", "mobilnummer", "mobilfunk", "telefon mobil",
        "portable", "téléphone portable", "móvil", "teléfono móvil", "celular",
    ]),
    (HomePhone, 1.0, &[
        "home phone", "private phone", "telefon privat", "privattelefon", "téléphone personnel",
        "téléphone domicile", "teléfono personal", "teléfono particular",
    ]),
    (Fax, 1.0, &["fax", "telefax", "faxnummer", "fax number", "télécopie"]),
    (Gender, 1.0, &["gender", "sex", "geschlecht", "sexe", "genre", "sexo", "género"]),
    (Active, 1.0, &[
        "active", "aktiv", "is active", "account active", "enabled", "aktiviert", "actif", "activo",
        "activated",
    ]),
    (Active, 0.7, &["status", "statut", "estado"]),
    (Active, 0.6, &["state"]),
    (Blocked, 1.0, &[
        "blocked", "disabled", "locked", "gesperrt", "deaktiviert", "bloqué", "désactivé",
        "bloqueado", "desactivado",
    ]),
    (City, 1.0, &[
        "city", "town", "ort", "stadt", "wohnort", "ville", "localité", "commune", "ciudad",
        "localidad", "población", "municipio",
    ]),
    (PostalCode, 1.0, &[
        "postal code", "postcode", "zip", "zip code", "plz", "postleitzahl", "code postal",
        "código postal",
    ]),
    (PostalCode, 0.6, &["cp"]),
    (Street, 1.0, &[
        "street", "street address", "straße", "straße und hausnummer", "rue", "calle", "dirección",
    ]),
    (Street, 0.8, &["anschrift"]),
    (Street, 0.7, &["address", "adresse", "domicilio"]),
    (Region, 1.0, &[
        "region", "province", "bundesland", "kanton", "région", "provincia", "comunidad autónoma",
    ]),
    (Country, 1.0, &["country", "land", "pays", "país", "country code", "ländercode", "code pays"]),
    (Country, 0.7, &["staat"]),
    (Language, 1.0, &[
        "language", "sprache", "langue", "idioma", "lengua", "preferred language",
        "korrespondenzsprache",
    ]),
    (Language, 0.7, &["locale"]),
    (Timezone, 1.0, &["time zone", "timezone", "zeitzone", "fuseau horaire", "zona horaria"]),
    (Website, 1.0, &[
        "website", "homepage", "web", "url", "profile url", "webseite", "site web", "sitio web",
        "página web",
    ]),
    (Picture, 1.0, &["picture", "photo", "foto", "bild", "avatar", "image", "profilbild"]),
    (Groups, 1.0, &["groups", "group", "gruppen", "gruppe", "groupes", "groupe", "grupos"]),
    (Roles, 1.0, &["roles", "rollen", "rôles"]),
    (Roles, 0.7, &["role", "rolle", "permissions", "berechtigungen"]),
    (Tags, 1.0, &["tags", "tag", "schlagwörter", "labels", "étiquettes", "etiquetas"]),
    (Notes, 1.0, &[
        "notes", "note", "comment", "comments", "remarks", "bemerkung", "bemerkungen", "kommentar",
        "notiz", "anmerkung", "commentaire", "remarque", "observations", "notas", "observaciones",
        "comentario",
    ]),
];

/// Words that, anywhere in a header, turn its subject into another concept: "Manager
/// E-Mail" names the manager, not the person; "Telefon privat" a home phone. Each entry:
/// the words, the concept they turn the header into, and the concepts they apply to (all
/// when empty).
#[rustfmt::skip]
pub(crate) const QUALIFIERS: &[(&[&str], Concept, &[Concept])] = &[
    (&["manager", "vorgesetzte", "vorgesetzter", "supervisor", "responsable", "jefe", "superieur",
        "fuhrungskraft", "reports to"], ManagerId, &[]),
    (&["mobil", "mobile", "handy", "cell", "portable", "movil", "celular"], Mobile, &[Phone]),
    (&["privat", "private", "home", "domicile", "particular"], HomePhone, &[Phone]),
    (&["privat", "private", "home", "personnel"], PrivateEmail, &[Email]),
];

#[cfg(test)]
mod tests {
    use super::*;
    use crate::mapping::suggest::normal::key;

    #[test]
    fn no_word_means_two_concepts() {
        let mut seen = std::collections::HashMap::new();
        for (concept, _, words) in VOCABULARY {
            for word in *words {
                if let Some(other) = seen.insert(key(word), *concept) {
                    assert_eq!(other, *concept, "{word}");
                }
            }
        }
    }
}
