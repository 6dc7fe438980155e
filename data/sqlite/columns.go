package sqlite

import (
	"encoding/json"
	"strings"

	"github.com/tavoli/tavoli/data"
)

// The columns each kind of record is stored in, besides the common head (id, times, device, tombstone).
// Derived columns (search, match_key, sort_key) are made here so that every write path agrees.

func ambitoCols(a data.Ambito) []column {
	return []column{{"name", a.Name}, {"short_name", a.ShortName}, {"region", a.Region},
		{"capofila_id", nullable(a.CapofilaID)}, {"address", a.Address}, {"weighing", string(weighing(a.Weighing))},
		{"privacy_controller", strings.TrimSpace(a.Privacy.Controller)}, {"privacy_contact", strings.TrimSpace(a.Privacy.Contact)},
		{"privacy_dpo", strings.TrimSpace(a.Privacy.DPO)}, {"retention_months", a.Privacy.RetentionMonths}}
}

// weighing is w, or the default: every table weighs the same.
func weighing(w data.Weighing) data.Weighing {
	if w == "" {
		return data.WeighTables
	}
	return w
}

func comuneCols(c data.Comune, k *keyer) []column {
	return []column{{"name", c.Name}, {"population", c.Population}, {"population_approx", c.PopulationApprox},
		{"istat", c.ISTAT}, {"office", c.Office}, {"search", data.Fold(c.Name)}, {"sort_key", k.key(c.Name, "")}}
}

func areaCols(a data.Area) []column {
	return []column{{"name", a.Name}, {"position", a.Position}, {"description", a.Description}}
}

func bodyCols(b data.Body) ([]column, error) {
	rules, err := json.Marshal(b.Rules)
	if err != nil {
		return nil, data.Errorf(data.EInternal, "err.body.rules", "name", b.Name).Wrap(err)
	}
	return []column{{"name", b.Name}, {"kind", string(b.Kind)}, {"area_id", nullable(b.AreaID)},
		{"rules", string(rules)}, {"position", b.Position}, {"notes", b.Notes}}, nil
}

func seatCols(s data.Seat) []column {
	return []column{{"body_id", s.BodyID}, {"position", s.Position}, {"label", s.Label},
		{"comune_id", nullable(s.ComuneID)}, {"organisation_id", nullable(s.OrganisationID)},
		{"person_id", nullable(s.PersonID)}}
}

func membershipCols(m data.Membership) []column {
	return []column{{"body_id", m.BodyID}, {"person_id", m.PersonID}, {"role", string(m.Role)},
		{"seat_id", nullable(m.SeatID)}}
}

func organisationCols(o data.Organisation, k *keyer) []column {
	return []column{{"name", o.Name}, {"category", string(o.Category)}, {"comune_id", nullable(o.ComuneID)},
		{"email", o.Email}, {"phone", o.Phone}, {"notes", o.Notes},
		{"search", data.Fold(o.Name + " " + o.Email)}, {"sort_key", k.key(o.Name, "")}}
}

func personCols(p data.Person, k *keyer) []column {
	return []column{{"surname", p.Surname}, {"name", p.Name}, {"category", string(p.Category)},
		{"organisation_id", nullable(p.OrganisationID)}, {"comune_id", nullable(p.ComuneID)},
		{"comune_text", p.ComuneText}, {"email", p.Email}, {"phone", p.Phone}, {"notes", p.Notes},
		{"title", p.Title}, {"gender", string(p.Gender)}, {"erased", optTime(p.ErasedAt)},
		{"publish_initials", p.PublishInitials},
		{"search", data.Fold(strings.Join([]string{p.Surname, p.Name, p.Email, p.Phone, p.ComuneText, p.Title}, " "))},
		{"match_key", personMatchKey(p)},
		{"sort_key", k.key(p.Surname, p.Name)}}
}

// personMatchKey is the identity an import matches a person on; an erased person has none, so that no
// import takes a new person for them.
func personMatchKey(p data.Person) string {
	if p.Erased() {
		return ""
	}
	return matchKey(p.Surname, p.Name, p.Email)
}
