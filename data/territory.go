package data

import "strings"

// Ambito is the social district: a group of comuni that manage social services together under a
// convention. A database holds one Ambito.
type Ambito struct {
	Meta
	Name       string `json:"name"`        // "Ambito Territoriale n.5 del Trasimeno"
	ShortName  string `json:"short_name"`  // "Ambito n.5 Trasimeno", for title bars and headings
	Region     string `json:"region"`      // "Umbria"
	CapofilaID string `json:"capofila_id"` // the comune capofila, where the Ufficio di Piano sits
	Address    string `json:"address"`     // the Ufficio di Piano's address, printed on documents
	// Weighing is how the consolidation of priorities weighs the tables' votes.
	Weighing Weighing `json:"weighing"`
	// Privacy is the privacy notice and the retention term the Ambito set.
	Privacy Privacy `json:"privacy"`
}

// Validate checks the rules an Ambito must meet.
func (a Ambito) Validate() error {
	if strings.TrimSpace(a.Name) == "" {
		return Errorf(EInvalid, "err.ambito.name_required")
	}
	if a.Weighing != "" && !a.Weighing.Valid() {
		return Errorf(EInvalid, "err.ambito.weighing", "value", string(a.Weighing))
	}
	return a.Privacy.Validate()
}

// Title is the name to show in headings: the short name when there is one.
func (a Ambito) Title() string {
	if s := strings.TrimSpace(a.ShortName); s != "" {
		return s
	}
	return strings.TrimSpace(a.Name)
}

// Comune is a member municipality of the Ambito.
type Comune struct {
	Meta
	Name       string `json:"name"`
	Population int    `json:"population"`
	// PopulationApprox marks a population that is an estimate (as in the demo data), so documents
	// can say "circa".
	PopulationApprox bool   `json:"population_approx"`
	ISTAT            string `json:"istat"` // the six-digit ISTAT code, e.g. "054026"
	// Office is the comune's Ufficio della Cittadinanza (citizens' access office): where it is.
	Office string `json:"office"`
}

// Validate checks the rules a Comune must meet.
func (c Comune) Validate() error {
	if strings.TrimSpace(c.Name) == "" {
		return Errorf(EInvalid, "err.comune.name_required")
	}
	if c.Population < 0 {
		return Errorf(EInvalid, "err.comune.population_negative", "name", c.Name)
	}
	if c.ISTAT != "" {
		if len(c.ISTAT) != 6 || strings.Trim(c.ISTAT, "0123456789") != "" {
			return Errorf(EInvalid, "err.comune.istat_format", "name", c.Name, "code", c.ISTAT)
		}
	}
	return nil
}

// Area is a welfare area (area di welfare), e.g. "Anziani". Areas are ordered and editable per Ambito.
type Area struct {
	Meta
	Name        string `json:"name"`
	Position    int    `json:"position"`
	Description string `json:"description"`
}

// Validate checks the rules an Area must meet.
func (a Area) Validate() error {
	if strings.TrimSpace(a.Name) == "" {
		return Errorf(EInvalid, "err.area.name_required")
	}
	return nil
}

// DefaultAreas are the welfare areas of the Trasimeno Piano di Zona, offered to a new Ambito.
var DefaultAreas = []string{
	"Famiglia e genitorialità",
	"Infanzia e adolescenza",
	"Anziani",
	"Disabilità",
	"Integrazione lavorativa delle fasce deboli",
	"Immigrazione",
}

// OtherAreas are areas used by other districts, suggested when adding one.
var OtherAreas = []string{
	"Povertà ed esclusione sociale",
	"Dipendenze",
	"Salute mentale",
	"Responsabilità familiari",
}
