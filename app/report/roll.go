package report

import (
	"sort"
	"strings"

	"github.com/tavoli/tavoli/data"
)

// roll is the register read the way a verbale reports it.
type roll struct {
	present []data.RegisterLine // seat holders present: the componenti the quorum counts
	guests  []data.RegisterLine // present without a seat (guests, officers): they count for nothing
	excused []data.RegisterLine // assenti giustificati
	absent  []data.RegisterLine // absent, expected but never recorded, or seats nobody held
}

// rollCall sorts the register into present, guests, excused and absent. A member the register
// expected but nobody recorded counts as absent: the verbale must account for every member.
func rollCall(lines []data.RegisterLine) roll {
	var r roll
	for _, l := range lines {
		switch {
		case l.PersonID == "" || !l.Recorded():
			r.absent = append(r.absent, l)
		case l.Presence == data.PresencePresente && l.SeatID == "":
			// Without a seat no one counts, officers (a facilitator, a secretary) included.
			r.guests = append(r.guests, l)
		case l.Presence == data.PresencePresente:
			r.present = append(r.present, l)
		case l.Presence == data.PresenceGiustificato:
			r.excused = append(r.excused, l)
		default:
			r.absent = append(r.absent, l)
		}
	}
	return r
}

// seatOrOrganisation is what a person stands for: the seat they hold, or their organisation. A seat
// held in a person's own name says nothing more than the name, so the organisation is shown then.
func seatOrOrganisation(l data.RegisterLine) string {
	if l.SeatName != "" && l.SeatName != l.PersonName {
		return l.SeatName
	}
	return l.Organisation
}

// standsFor is seatOrOrganisation with the delegation spelled out (see delegation): "delegata dalla
// Sindaca del Comune di Magione, Federica Bellucci".
func standsFor(l data.RegisterLine) string {
	if l.Delegated && l.SeatName != "" {
		return delegation(l)
	}
	return seatOrOrganisation(l)
}

// who names a register line: the person, or the seat nobody held.
func who(l data.RegisterLine) string {
	if strings.TrimSpace(l.PersonName) != "" {
		return l.PersonName
	}
	return l.SeatName
}

// nameList writes people as a verbale lists them in a sentence: "Rossi Maria (Magione); Verdi Anna".
func nameList(lines []data.RegisterLine) string { return period(names(lines)) }

// names is nameList without the closing period: a name in initials ("C. G.") ends with its own.
func names(lines []data.RegisterLine) string {
	parts := make([]string, 0, len(lines))
	for _, l := range lines {
		s := who(l)
		if l.PersonName == "" {
			s += " (seggio non rappresentato)"
		} else if f := standsFor(l); f != "" {
			s += " (" + f + ")"
		}
		parts = append(parts, s)
	}
	return strings.Join(parts, "; ")
}

// agenda is the ordine del giorno by position; records deleted on another laptop are left out.
func agenda(d data.Dossier) []data.AgendaItem {
	var out []data.AgendaItem
	for _, it := range d.Agenda {
		if !it.Deleted {
			out = append(out, it)
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Position < out[j].Position })
	return out
}

// orBlank is s, or a line to write on by hand when s is blank.
func orBlank(s string, width int) string {
	if strings.TrimSpace(s) == "" {
		return strings.Repeat("_", width)
	}
	return s
}
