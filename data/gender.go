package data

import "strings"

// Gender is a person's gender as documents agree words with it: "" when not recorded, "f" or "m".
// Unknown reads masculine, as Italian administrative usage does; documents never write "o/a".
type Gender string

// Genders.
const (
	GenderUnknown   Gender = ""
	GenderFemminile Gender = "f"
	GenderMaschile  Gender = "m"
)

// Genders lists the genders in the order the interface offers them.
var Genders = []Gender{GenderUnknown, GenderFemminile, GenderMaschile}

// Valid reports whether g is a known gender (unknown included).
func (g Gender) Valid() bool {
	return g == GenderUnknown || g == GenderFemminile || g == GenderMaschile
}

// Feminine reports whether words agree in the feminine.
func (g Gender) Feminine() bool { return g == GenderFemminile }

// genderWords are what offices write in a gender or sex column, folded.
var genderWords = map[string]Gender{
	"": GenderUnknown, "f": GenderFemminile, "femmina": GenderFemminile, "femminile": GenderFemminile,
	"donna": GenderFemminile, "female": GenderFemminile, "woman": GenderFemminile,
	"m": GenderMaschile, "maschio": GenderMaschile, "maschile": GenderMaschile, "uomo": GenderMaschile,
	"male": GenderMaschile, "man": GenderMaschile,
	"non indicato": GenderUnknown, "n.d.": GenderUnknown, "nd": GenderUnknown, "-": GenderUnknown,
}

// ParseGender reads a gender as spreadsheets write it ("F", "femmina", "Donna", "M", "maschio",
// "uomo"), ignoring case, accents and spaces. ok is false for a word it does not know, which reads
// as unknown.
func ParseGender(s string) (g Gender, ok bool) {
	g, ok = genderWords[strings.Join(strings.Fields(Fold(s)), " ")]
	return g, ok
}

// Naming is how documents write a person: prose puts the given name first ("Federica Bellucci"),
// lists the surname first ("Bellucci Federica"); words about the person agree with Gender, and a
// mayor is named with the Title.
type Naming struct {
	Name    string `json:"name"` // the given name
	Surname string `json:"surname"`
	Gender  Gender `json:"gender,omitempty"`
	Title   string `json:"title,omitempty"`
}

// Prose is the name as a sentence writes it, given name first: "Federica Bellucci".
func (n Naming) Prose() string {
	return strings.TrimSpace(strings.TrimSpace(n.Name) + " " + strings.TrimSpace(n.Surname))
}

// Listed is the name as a list writes it, surname first: "Bellucci Federica".
func (n Naming) Listed() string {
	return strings.TrimSpace(strings.TrimSpace(n.Surname) + " " + strings.TrimSpace(n.Name))
}
