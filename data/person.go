package data

import (
	"net/mail"
	"strings"
	"time"
)

// Category is the kind of participant, as the tables' records classify them.
type Category string

// Categories.
const (
	CatASL          Category = "asl"
	CatComune       Category = "comune"
	CatScuola       Category = "scuola"
	CatAssociazione Category = "associazione"
	CatCooperativa  Category = "cooperativa_sociale"
	CatVolontariato Category = "volontariato"
	CatSindacato    Category = "sindacato"
	CatCittadino    Category = "cittadino"
	CatAltro        Category = "altro"
)

// Categories lists the categories in the order the interface offers them.
var Categories = []Category{CatASL, CatComune, CatScuola, CatAssociazione, CatCooperativa,
	CatVolontariato, CatSindacato, CatCittadino, CatAltro}

// Valid reports whether c is a known category.
func (c Category) Valid() bool {
	for _, v := range Categories {
		if c == v {
			return true
		}
	}
	return false
}

// categoryWords maps what offices write in their spreadsheets (folded: lowercase, no accents) to a
// category, in Italian and English.
var categoryWords = map[string]Category{
	"asl": CatASL, "usl": CatASL, "azienda sanitaria": CatASL, "azienda sanitaria locale": CatASL,
	"sanita": CatASL, "health": CatASL, "health authority": CatASL, "health service": CatASL,
	"comune": CatComune, "comuni": CatComune, "ente locale": CatComune, "municipality": CatComune,
	"town": CatComune, "town hall": CatComune, "council": CatComune,
	"scuola": CatScuola, "istituto scolastico": CatScuola, "istituzione scolastica": CatScuola,
	"istituzioni scolastiche": CatScuola, "school": CatScuola,
	"associazione": CatAssociazione, "associazioni": CatAssociazione, "association": CatAssociazione,
	"cooperativa sociale": CatCooperativa, "cooperativa": CatCooperativa, "coop sociale": CatCooperativa,
	"coop. sociale": CatCooperativa, "coop": CatCooperativa, "cooperazione sociale": CatCooperativa,
	"social cooperative": CatCooperativa, "cooperative": CatCooperativa,
	"volontariato": CatVolontariato, "volontario": CatVolontariato, "volontari": CatVolontariato,
	"odv": CatVolontariato, "volunteering": CatVolontariato, "volunteer": CatVolontariato,
	"sindacato": CatSindacato, "sindacati": CatSindacato, "union": CatSindacato, "trade union": CatSindacato,
	"cittadino": CatCittadino, "cittadina": CatCittadino, "privato cittadino": CatCittadino,
	"privati cittadini": CatCittadino, "privato": CatCittadino, "citizen": CatCittadino,
	"altro": CatAltro, "altri": CatAltro, "other": CatAltro,
}

// ParseCategory reads a category as people write it ("Cooperativa sociale", "ASL", "Union"), ignoring
// case, accents and surrounding spaces. ok is false when the word is not known; the category is then
// CatAltro, and an empty word is CatAltro with ok true.
func ParseCategory(s string) (c Category, ok bool) {
	f := strings.Join(strings.Fields(Fold(s)), " ")
	if f == "" {
		return CatAltro, true
	}
	if Category(strings.ReplaceAll(f, " ", "_")).Valid() {
		return Category(strings.ReplaceAll(f, " ", "_")), true
	}
	if c, ok := categoryWords[f]; ok {
		return c, true
	}
	return CatAltro, false
}

// Person is someone who takes part in the tables. The register is personal data: it stays on the
// office's machines.
type Person struct {
	Meta
	Surname        string   `json:"surname"`
	Name           string   `json:"name"`
	Category       Category `json:"category"`
	OrganisationID string   `json:"organisation_id,omitempty"`
	ComuneID       string   `json:"comune_id,omitempty"`
	// ComuneText keeps a town that is not one of the Ambito's comuni, as it was written.
	ComuneText string `json:"comune_text,omitempty"`
	Email      string `json:"email"`
	Phone      string `json:"phone"`
	Notes      string `json:"notes"`
	// Title is how the person is styled, as they wish to be: "Sindaca", "Assessora alle politiche
	// sociali", "Dott.ssa". Documents name mayors by it.
	Title string `json:"title,omitempty"`
	// Gender is what documents agree words with ("delegata", "la Presidente"); unknown reads masculine.
	Gender Gender `json:"gender,omitempty"`
	// ErasedAt is when the person's data were erased (GDPR art. 17); zero while they are held.
	ErasedAt time.Time `json:"erased,omitzero"`
	// PublishInitials names the person by initials only in the copies for publication, as a private
	// citizen (category cittadino) always is.
	PublishInitials bool `json:"publish_initials,omitempty"`
}

// Private reports whether copies for publication name the person by initials only.
func (p Person) Private() bool { return p.Category == CatCittadino || p.PublishInitials }

// FullName is "Surname Name", the way registers list people.
func (p Person) FullName() string {
	return strings.TrimSpace(strings.TrimSpace(p.Surname) + " " + strings.TrimSpace(p.Name))
}

// Validate checks the rules a Person must meet.
func (p Person) Validate() error {
	if err := checkLengths(limited{FieldSurname, p.Surname, maxNameLen}, limited{FieldName, p.Name, maxNameLen},
		limited{FieldTitle, p.Title, maxTitleLen}, limited{FieldEmail, p.Email, maxEmailLen},
		limited{FieldPhone, p.Phone, maxPhoneLen}, limited{FieldComune, p.ComuneText, maxTownLen},
		limited{FieldNotes, p.Notes, maxNotesLen}); err != nil {
		return err
	}
	if strings.TrimSpace(p.Surname) == "" && strings.TrimSpace(p.Name) == "" {
		return Errorf(EInvalid, "err.person.name_required")
	}
	if strings.TrimSpace(p.Surname) == "" {
		return Errorf(EInvalid, "err.person.surname_required", "name", p.Name)
	}
	if !p.Category.Valid() {
		return Errorf(EInvalid, "err.person.category", "value", string(p.Category))
	}
	if e := strings.TrimSpace(p.Email); e != "" {
		if a, err := mail.ParseAddress(e); err != nil || a.Address != e {
			return Errorf(EInvalid, "err.person.email", "name", p.FullName(), "value", e)
		}
	}
	if p.ComuneID != "" && p.ComuneText != "" {
		return Errorf(EInvalid, "err.person.comune_twice", "name", p.FullName())
	}
	if !p.Gender.Valid() {
		return Errorf(EInvalid, "err.person.gender", "name", p.FullName(), "value", string(p.Gender))
	}
	return nil
}

// Naming is what documents need to write the person: the names apart, the gender and the title.
func (p Person) Naming() Naming {
	return Naming{Name: strings.TrimSpace(p.Name), Surname: strings.TrimSpace(p.Surname), Gender: p.Gender,
		Title: strings.TrimSpace(p.Title)}
}

// PersonView is a person with the names of their organisation and comune, for lists and documents.
type PersonView struct {
	Person
	OrganisationName string `json:"organisation"`
	ComuneName       string `json:"comune"`
}

// Town is the person's comune name, or the town written as text.
func (p PersonView) Town() string {
	if p.ComuneName != "" {
		return p.ComuneName
	}
	return p.ComuneText
}

// Organisation is an organisation people belong to or represent: the ASL, a comune's office, a school,
// an association, a cooperative, a union.
type Organisation struct {
	Meta
	Name     string   `json:"name"`
	Category Category `json:"category"`
	ComuneID string   `json:"comune_id,omitempty"`
	Email    string   `json:"email"`
	Phone    string   `json:"phone"`
	Notes    string   `json:"notes"`
}

// Validate checks the rules an Organisation must meet.
func (o Organisation) Validate() error {
	if err := checkLengths(limited{FieldOrganisation, o.Name, maxOrganisationLen},
		limited{FieldEmail, o.Email, maxEmailLen}, limited{FieldPhone, o.Phone, maxPhoneLen},
		limited{FieldNotes, o.Notes, maxNotesLen}); err != nil {
		return err
	}
	if strings.TrimSpace(o.Name) == "" {
		return Errorf(EInvalid, "err.organisation.name_required")
	}
	if !o.Category.Valid() {
		return Errorf(EInvalid, "err.organisation.category", "value", string(o.Category))
	}
	if e := strings.TrimSpace(o.Email); e != "" {
		if a, err := mail.ParseAddress(e); err != nil || a.Address != e {
			return Errorf(EInvalid, "err.organisation.email", "name", o.Name, "value", e)
		}
	}
	return nil
}

// OrganisationView is an organisation with its comune's name and how many people belong to it.
type OrganisationView struct {
	Organisation
	ComuneName string `json:"comune"`
	People     int    `json:"people"`
}
