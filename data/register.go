package data

import (
	"sort"
	"time"

	"golang.org/x/text/collate"
)

// RegisterLine is one line of a session's register (registro presenze): a person with the seat they
// hold, a member not recorded yet, or a seat nobody holds yet. Attendance.ID is empty for a line that
// has not been recorded.
type RegisterLine struct {
	Attendance
	PersonName string `json:"person_name"` // "Rossi Maria"; empty for a seat nobody holds
	// Naming is the person's names apart, gender and title, for prose ("Maria Rossi") and agreement.
	Naming Naming `json:"naming"`
	// Delegator is, on a line held by delegation, who holds the seat in their own right: the person
	// the seat is in the name of, or the body's member for it. Nil when the body names nobody.
	Delegator *Naming `json:"delegator,omitempty"`
	// SeatComune is the comune's name when the seat is a comune's ("Magione").
	SeatComune   string   `json:"seat_comune,omitempty"`
	Category     Category `json:"category"`
	Organisation string   `json:"organisation"`
	Town         string   `json:"town"` // the person's comune
	SeatName     string   `json:"seat_name"`
	Population   int      `json:"population"` // the seat's population, for weighted quorums
	Role         Role     `json:"role"`       // the person's role in the body, when a member
	seatPos      int
	sortKey      []byte
}

// Recorded reports whether the line has been written to the register.
func (l RegisterLine) Recorded() bool { return l.ID != "" }

// PresentAt reports whether the line's person was present at t: marked present, arrived by then (or
// with no time) and not yet gone. A zero t means "at any time of the meeting, still there".
func (l RegisterLine) PresentAt(t time.Time) bool {
	if l.Presence != PresencePresente || l.PersonID == "" {
		return false
	}
	if t.IsZero() {
		return l.Left.IsZero()
	}
	if !l.Arrived.IsZero() && l.Arrived.After(t) {
		return false
	}
	return l.Left.IsZero() || l.Left.After(t)
}

// Guest reports whether the line is a person present without a seat: recorded, counted for nothing.
func (l RegisterLine) Guest() bool { return l.SeatID == "" }

// BuildRegister merges a body's seats and members with a session's attendance into the register:
// first the seats in their order (each with who holds it, or the member expected to hold it), then the
// members without a seat, then guests, each group in Italian name order. people gives names and
// towns by id; attendance rows of deleted people are kept with an empty name rather than dropped.
func BuildRegister(seats []SeatView, members []MembershipView, people map[string]PersonView, att []Attendance) []RegisterLine {
	seatPos := map[string]int{}
	seatByID := map[string]SeatView{}
	for i, s := range seats {
		seatPos[s.ID] = i
		seatByID[s.ID] = s
	}
	role := map[string]Role{}
	holder := map[string]string{} // seat id -> the person holding it in their own right
	for _, m := range members {
		if _, ok := role[m.PersonID]; !ok || m.SeatID != "" {
			role[m.PersonID] = m.Role
		}
		if m.SeatID != "" && m.Role != RoleDelegato && !m.Deleted && holder[m.SeatID] == "" {
			holder[m.SeatID] = m.PersonID
		}
	}
	for _, s := range seats {
		if s.PersonID != "" {
			holder[s.ID] = s.PersonID
		}
	}
	line := func(a Attendance) RegisterLine {
		l := RegisterLine{Attendance: a, seatPos: len(seats)}
		if p, ok := people[a.PersonID]; ok {
			l.PersonName = p.FullName()
			l.Naming = p.Naming()
			l.Category = p.Category
			l.Organisation = p.OrganisationName
			l.Town = p.Town()
		}
		l.Role = role[a.PersonID]
		if s, ok := seatByID[a.SeatID]; ok {
			l.SeatName, l.Population, l.seatPos, l.SeatComune = s.Name, s.Population, seatPos[s.ID], s.ComuneName
			if p, ok := people[holder[s.ID]]; ok && a.Delegated && holder[s.ID] != a.PersonID {
				n := p.Naming()
				l.Delegator = &n
			}
		} else {
			l.SeatID = ""
		}
		if l.SeatID == "" && l.Role == "" {
			l.seatPos = len(seats) + 1 // guests last
		}
		return l
	}
	var out []RegisterLine
	recordedPerson := map[string]bool{}
	heldSeat := map[string]bool{}
	for _, a := range att {
		if a.Deleted {
			continue
		}
		l := line(a)
		out = append(out, l)
		recordedPerson[a.PersonID] = true
		if l.SeatID != "" && (l.PresentAt(time.Time{}) || !l.Delegated) {
			// A delegate who has gone no longer stands for the member: the member may come after.
			heldSeat[l.SeatID] = true
		}
	}
	for _, m := range members {
		if m.Deleted || recordedPerson[m.PersonID] {
			continue
		}
		if m.SeatID != "" && heldSeat[m.SeatID] {
			continue // a delegate holds the seat this member would hold
		}
		if m.Role == RoleDelegato && m.SeatID != "" {
			continue // a standing delegate appears when they come, not as an expected holder
		}
		recordedPerson[m.PersonID] = true
		l := line(Attendance{SessionID: sessionOf(att), PersonID: m.PersonID, SeatID: m.SeatID})
		out = append(out, l)
		if l.SeatID != "" {
			heldSeat[l.SeatID] = true
		}
	}
	for _, s := range seats {
		if !heldSeat[s.ID] {
			out = append(out, RegisterLine{Attendance: Attendance{SeatID: s.ID}, SeatName: s.Name,
				Population: s.Population, SeatComune: s.ComuneName, seatPos: seatPos[s.ID]})
		}
	}
	c := Collator()
	var buf collate.Buffer
	for i := range out {
		out[i].sortKey = append([]byte(nil), c.KeyFromString(&buf, out[i].PersonName)...)
		buf.Reset()
	}
	sort.SliceStable(out, func(i, j int) bool {
		a, b := out[i], out[j]
		if a.seatPos != b.seatPos {
			return a.seatPos < b.seatPos
		}
		if a.Delegated != b.Delegated {
			return !a.Delegated // the holder of a seat before anyone holding it by delegation
		}
		return string(a.sortKey) < string(b.sortKey)
	})
	return out
}

func sessionOf(att []Attendance) string {
	for _, a := range att {
		return a.SessionID
	}
	return ""
}

// PresentSeats returns the seats held by someone present at t (see PresentAt).
func PresentSeats(lines []RegisterLine, t time.Time) map[string]bool {
	out := map[string]bool{}
	for _, l := range lines {
		if l.SeatID != "" && l.PresentAt(t) {
			out[l.SeatID] = true
		}
	}
	return out
}

// CheckHold reports whether personID may take seatID in the register now: the seat must not be held
// by someone else present, and the person may hold at most rules.Proxies seats. It returns nil or an
// EInvalid/EConflict error naming the problem.
func CheckHold(lines []RegisterLine, rules Rules, personID, seatID string) error {
	if seatID == "" {
		return nil
	}
	held := 0
	for _, l := range lines {
		if !l.PresentAt(time.Time{}) {
			continue
		}
		if l.SeatID == seatID && l.PersonID != personID {
			return Errorf(EConflict, "err.register.seat_taken", "seat", l.SeatName, "name", l.PersonName)
		}
		if l.PersonID == personID && l.SeatID != "" && l.SeatID != seatID {
			held++
		}
	}
	limit := max(rules.Proxies, 1)
	if held >= limit {
		return Errorf(EInvalid, "err.register.proxies", "limit", limit)
	}
	return nil
}
