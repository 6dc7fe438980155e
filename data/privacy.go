package data

import (
	"strings"
	"time"
	"unicode"
)

// Personal data as the law asks (GDPR): erasure (art. 17), what is held on a person (art. 15), how
// long contact details are kept, and the privacy notice the documents print.

// DefaultRetentionMonths is how long the contact details of someone who took part in nothing are
// kept when the Ambito set no other term.
const DefaultRetentionMonths = 24

// MaxRetentionMonths bounds the term an Ambito may set: ten years.
const MaxRetentionMonths = 120

// ErasedPlaceholder is what an erased person is called when no record keeps a trace of them.
const ErasedPlaceholder = "Persona cancellata"

// Privacy is the privacy notice an Ambito sets: who holds the data and how to reach them. Empty
// fields take the defaults Notice derives from the Ambito.
type Privacy struct {
	Controller      string `json:"controller,omitempty"` // titolare del trattamento
	Contact         string `json:"contact,omitempty"`    // where to exercise one's rights
	DPO             string `json:"dpo,omitempty"`        // responsabile della protezione dei dati
	RetentionMonths int    `json:"retention_months,omitempty"`
}

// Validate checks the notice's fields.
func (p Privacy) Validate() error {
	if p.RetentionMonths < 0 || p.RetentionMonths > MaxRetentionMonths {
		return Errorf(EInvalid, "err.privacy.retention", "value", p.RetentionMonths, "max", MaxRetentionMonths)
	}
	return checkLengths(limited{FieldNotes, p.Controller, maxNotesLen}, limited{FieldNotes, p.Contact, maxNotesLen},
		limited{FieldNotes, p.DPO, maxNotesLen})
}

// Retention is the term in months, the default when none was set.
func (p Privacy) Retention() int {
	if p.RetentionMonths > 0 {
		return p.RetentionMonths
	}
	return DefaultRetentionMonths
}

// Notice is the Ambito's privacy notice with every empty field filled: the controller is the comune
// capofila on the Ambito's behalf (capofila is its name, "" when unknown), the contact the Ufficio di
// Piano at its address.
func (a Ambito) Notice(capofila string) Privacy {
	n := a.Privacy
	if strings.TrimSpace(n.Controller) == "" {
		n.Controller = a.Name
		if capofila != "" {
			n.Controller = "Comune di " + capofila + ", ente capofila dell'" + a.Name
		}
	}
	if strings.TrimSpace(n.Contact) == "" {
		n.Contact = "Ufficio di Piano"
		switch addr := strings.TrimSpace(a.Address); {
		case strings.Contains(Fold(addr), "ufficio di piano"): // the address names the office already
			n.Contact = addr
		case addr != "":
			n.Contact += ", " + addr
		}
	}
	n.RetentionMonths = n.Retention()
	return n
}

// Erased reports whether the person's data were erased.
func (p Person) Erased() bool { return !p.ErasedAt.IsZero() }

// Erase returns p with its personal data gone, erased at: the name becomes initials when traced (a
// record keeps a trace of the person: an attendance, a seat, a speech), the placeholder otherwise; the
// contacts, notes, title, town written by hand and organisation are emptied. The category, the comune
// and the gender stay: they are what the district's figures count, and name no one.
func (p Person) Erase(at time.Time, traced bool) Person {
	if traced {
		// Both initials in the surname, surname first: "A. E." in a list and in a sentence alike.
		p.Surname, p.Name = strings.TrimSpace(initial(p.Surname)+" "+initial(p.Name)), ""
	}
	if !traced || p.Surname == "" {
		p.Surname, p.Name = ErasedPlaceholder, ""
	}
	p.Email, p.Phone, p.Notes, p.Title, p.ComuneText, p.OrganisationID = "", "", "", "", "", ""
	p.ErasedAt = at.UTC()
	return p
}

// initial is the first letter of s with a full stop ("D'Angelo": "D."), "" when s has no letter.
func initial(s string) string {
	for _, r := range s {
		if unicode.IsLetter(r) {
			return string(unicode.ToUpper(r)) + "."
		}
	}
	return ""
}

// Erasure is what an erasure did.
type Erasure struct {
	People   int // people erased
	Versions int // versions set aside that held their data, emptied
	// Approved is how many approved verbali name them: their stored copies are kept as they are (art.
	// 17(3)(b): a public body's legal obligation).
	Approved int
	// Pending is true when another window or program kept the file open, so the old pages could not be
	// written over yet: they are when it closes.
	Pending bool
}

// ErasurePreview is what the erasure dialog tells before anything is erased.
type ErasurePreview struct {
	Person PersonView
	Traced bool // records keep a trace: the name becomes initials
	// Approved lists the approved sessions whose verbali name the person, as "Tavolo … del 3 marzo 2026":
	// they keep the names they had.
	Approved []string
	// OpenTexts lists the open sessions whose texts (notes, actions) name the person by surname: the
	// secretary should read them again, as no machine can tell a name from a word.
	OpenTexts []string
}

// RetentionCandidate is someone whose contact details the retention rule would erase.
type RetentionCandidate struct {
	Person     PersonView
	LastChange time.Time // the latest change to their record
	Deleted    bool      // removed from the register, data still held
}

// PersonRecord is everything the Ambito holds on one person, as art. 15 gives them the right to see.
type PersonRecord struct {
	Ambito    Ambito           `json:"-"`
	Capofila  string           `json:"-"`
	Person    PersonView       `json:"person"`
	At        time.Time        `json:"at"` // when it was drawn up
	Roles     []PersonRole     `json:"roles"`
	Sessions  []PersonSession  `json:"sessions"`
	Speeches  int              `json:"speeches"` // times they took the floor
	Proposals []PersonProposal `json:"proposals"`
	Actions   []PersonAction   `json:"actions"`
	// Responsible lists the priorities whose attuazione they answer for, by title.
	Responsible []string `json:"responsible"`
	Versions    int      `json:"versions_kept"`    // versions of their record set aside by merges, held for review
	Approved    int      `json:"approved_verbali"` // approved verbali naming them
	Notice      Privacy  `json:"privacy_notice"`   // the Ambito's privacy notice, defaults filled in
	// Head is who signs for the Ufficio di Piano, given name first, and the gender their role agrees
	// with; "" when the register has nobody.
	Head       string `json:"-"`
	HeadGender Gender `json:"-"`
}

// PersonRole is a place in a body: a membership or a seat.
type PersonRole struct {
	Body string `json:"body"`
	Role string `json:"role"` // the membership's role or the seat's label
}

// PersonSession is a session the person's attendance was recorded at.
type PersonSession struct {
	Date      time.Time `json:"date"`
	Body      string    `json:"body"`
	Presence  Presence  `json:"presence"`
	Delegated bool      `json:"delegated,omitempty"`
	Approved  bool      `json:"approved,omitempty"` // its verbale is approved
}

// PersonProposal is a proposal the person made.
type PersonProposal struct {
	Title string    `json:"title"`
	Date  time.Time `json:"date"`
}

// PersonAction is an action item the person answers for.
type PersonAction struct {
	What string    `json:"what"`
	Due  time.Time `json:"due"`
	Body string    `json:"body"`
	Done bool      `json:"done"`
}
