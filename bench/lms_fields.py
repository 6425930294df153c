"""What the peer scripts share: the LMS fields they fill, the columns each comes from (as
bench/lms-core-profile.toml maps them), the issues file's columns, and the email shape
Muster accepts."""

# An address as Muster accepts it: a local part and a dotted domain, no spaces, one @.
EMAIL = r"^[^@\s]+@[^@\s.][^@\s]*\.[^@\s]*[^@\s.]$"
COLUMNS = ["row", "column", "field", "severity", "code", "message", "value"]
SOURCES = {
    "uid": "Employee ID",
    "firstname": "First Name",
    "secondname": "Last Name",
    "email": "Email",
    "login": "Email",
    "position": "Job Title",
    "manager_uid": "Manager ID",
    "birth_date": "Birth Date",
    "date_of_employment": "Hire Date",
    "is_active": "Active",
}
REQUIRED = ["uid", "secondname", "firstname", "login", "email"]
