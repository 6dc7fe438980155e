package data

import "unicode/utf8"

// Field names a text field of a record in an error, so that the interface can say which one in
// words (translation key "field." + the name).
type Field string

// Fields that have a length limit.
const (
	FieldSurname      Field = "surname"
	FieldName         Field = "name"
	FieldTitle        Field = "title"
	FieldEmail        Field = "email"
	FieldPhone        Field = "phone"
	FieldNotes        Field = "notes"
	FieldComune       Field = "comune"       // a town written as text
	FieldOrganisation Field = "organisation" // an organisation's name
)

// Length limits of people's and organisations' fields, in characters. Each leaves room for any real
// value, and stops a pasted page or a broken file from becoming a name that every list and document
// then carries (issue 16: a 1 MB surname was stored).
const (
	// Italian double surnames and given names stay under 40 characters; foreign ones written in full
	// ("María de los Ángeles") too.
	maxNameLen = 100
	// "Assessora alle politiche sociali, pari opportunità e politiche giovanili" is 73.
	maxTitleLen = 200
	// The longest address SMTP carries (RFC 5321: a 256-octet path, angle brackets included).
	maxEmailLen = 254
	// Two numbers with words: "ufficio 075 1234567 int. 204, cell. 333 1234567" is 47.
	maxPhoneLen = 50
	// The longest comune name in Italy has 34 letters; a foreign town rarely more.
	maxTownLen = 100
	// The full names of cooperatives and consortia ("Società Cooperativa Sociale … Onlus – Consorzio
	// …") stay within two lines of a register.
	maxOrganisationLen = 200
	// Remarks about someone, not documents: about a page of text.
	maxNotesLen = 2000
)

// limited is one field's value and its limit.
type limited struct {
	field Field
	value string
	max   int
}

// checkLengths refuses the first field longer than its limit, naming the field and the limit (not
// the value, which may be a megabyte).
func checkLengths(fields ...limited) error {
	for _, f := range fields {
		if len(f.value) > f.max && utf8.RuneCountInString(f.value) > f.max {
			return Errorf(EInvalid, "err.too_long", "field", f.field, "max", f.max)
		}
	}
	return nil
}
