package csvimport

import (
	"strings"
	"unicode"

	"github.com/tavoli/tavoli/data"
)

// Field is what a column of the file holds.
type Field string

// Fields a column can be mapped to.
const (
	FieldIgnore       Field = "" // the column is not imported
	FieldSurname      Field = "surname"
	FieldName         Field = "name"
	FieldOrganisation Field = "organisation"
	FieldCategory     Field = "category"
	FieldComune       Field = "comune"
	FieldEmail        Field = "email"
	FieldPhone        Field = "phone"
	FieldNotes        Field = "notes"
	FieldTitle        Field = "title"  // "Sindaca", "Assessore": documents name mayors by it
	FieldGender       Field = "gender" // F/M, femmina/maschio, donna/uomo
)

// Fields lists the fields in the order the interface offers them. FieldIgnore is not in it: it is
// the choice every column starts from.
var Fields = []Field{FieldSurname, FieldName, FieldOrganisation, FieldCategory, FieldComune,
	FieldEmail, FieldPhone, FieldNotes, FieldTitle, FieldGender}

// Mapping gives, for each column of a Table, the field it fills.
type Mapping []Field

// headerWords are the headers offices write, in Italian and English, as headerKey folds them.
var headerWords = map[string]Field{
	"cognome": FieldSurname, "surname": FieldSurname, "last name": FieldSurname, "lastname": FieldSurname,
	"family name": FieldSurname,

	"nome": FieldName, "name": FieldName, "first name": FieldName, "firstname": FieldName,
	"given name": FieldName,

	"ente": FieldOrganisation, "organizzazione": FieldOrganisation, "organisation": FieldOrganisation,
	"organization": FieldOrganisation, "associazione": FieldOrganisation, "societa": FieldOrganisation,
	"ente di appartenenza": FieldOrganisation, "ente organizzazione": FieldOrganisation,
	"ente rappresentato": FieldOrganisation, "organizzazione di appartenenza": FieldOrganisation,
	"company": FieldOrganisation, "affiliation": FieldOrganisation,

	"categoria": FieldCategory, "category": FieldCategory, "tipo": FieldCategory, "tipologia": FieldCategory,
	"tipo ente": FieldCategory, "tipologia ente": FieldCategory, "type": FieldCategory,

	"comune": FieldComune, "town": FieldComune, "city": FieldComune, "citta": FieldComune,
	"comune di residenza": FieldComune, "municipality": FieldComune, "localita": FieldComune,
	"residenza": FieldComune,

	"email": FieldEmail, "e mail": FieldEmail, "mail": FieldEmail, "posta elettronica": FieldEmail,
	"indirizzo email": FieldEmail, "indirizzo e mail": FieldEmail, "indirizzo mail": FieldEmail,
	"indirizzo di posta elettronica": FieldEmail, "email address": FieldEmail, "e mail address": FieldEmail,

	"telefono": FieldPhone, "phone": FieldPhone, "tel": FieldPhone, "cellulare": FieldPhone,
	"mobile": FieldPhone, "telephone": FieldPhone, "cell": FieldPhone, "telefono cellulare": FieldPhone,
	"numero di telefono": FieldPhone, "recapito telefonico": FieldPhone, "phone number": FieldPhone,

	"note": FieldNotes, "notes": FieldNotes, "nota": FieldNotes, "annotazioni": FieldNotes,
	"osservazioni": FieldNotes, "comments": FieldNotes,

	"titolo": FieldTitle, "title": FieldTitle, "carica": FieldTitle,

	"genere": FieldGender, "sesso": FieldGender, "gender": FieldGender, "sex": FieldGender,
}

// Guess proposes a mapping from the header's words, ignoring case, accents, spaces and punctuation
// ("E-mail", "Tel.", "Citta'"). A field goes to the first column that names it: in "Telefono;
// Cellulare" the second column is left for the user to map. Columns not recognised are ignored.
func Guess(header []string) Mapping {
	m := make(Mapping, len(header))
	taken := map[Field]bool{}
	for i, h := range header {
		f := headerWords[headerKey(h)]
		if f == FieldIgnore || taken[f] {
			continue
		}
		taken[f] = true
		m[i] = f
	}
	return m
}

// headerKey folds a header to the form of headerWords: lowercase, no accents, words separated by
// one space. Punctuation separates words, so "E-mail" is "e mail" and "Citta'" is "citta".
func headerKey(h string) string {
	notWord := func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) }
	return strings.Join(strings.FieldsFunc(data.Fold(h), notWord), " ")
}
