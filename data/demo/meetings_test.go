package demo

import (
	"fmt"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/tavoli/tavoli/data"
)

func trasimeno(t *testing.T) data.Dataset {
	t.Helper()
	ds, err := Trasimeno(1)
	if err != nil {
		t.Fatal(err)
	}
	return ds
}

// TestMeetingsValidate checks every meeting record against its own rules and its references against
// the rest of the dataset.
func TestMeetingsValidate(t *testing.T) {
	ds := trasimeno(t)
	people := map[string]bool{}
	for _, p := range ds.People {
		people[p.ID] = true
	}
	bodies := map[string]bool{}
	for _, b := range ds.Bodies {
		bodies[b.ID] = true
	}
	sessions := map[string]data.Session{}
	for _, s := range ds.Sessions {
		if err := s.Validate(); err != nil {
			t.Errorf("session %s: %v", s.ID, err)
		}
		if !bodies[s.BodyID] || !people[s.PresidentID] || !people[s.SecretaryID] {
			t.Errorf("session %s refers to an unknown body or person", s.ID)
		}
		if s.Created.IsZero() || s.Updated.Before(s.Created) {
			t.Errorf("session %s: created %v, updated %v", s.ID, s.Created, s.Updated)
		}
		sessions[s.ID] = s
	}
	items := map[string]string{}
	for _, a := range ds.Agenda {
		if err := a.Validate(); err != nil {
			t.Errorf("agenda item %s: %v", a.ID, err)
		}
		items[a.ID] = a.SessionID
	}
	seatBody := map[string]string{}
	for _, st := range ds.Seats {
		seatBody[st.ID] = st.BodyID
	}
	for _, a := range ds.Attendance {
		if err := a.Validate(); err != nil {
			t.Errorf("attendance %s: %v", a.ID, err)
		}
		if !people[a.PersonID] || (a.SeatID != "" && seatBody[a.SeatID] != sessions[a.SessionID].BodyID) {
			t.Errorf("attendance %s: unknown person or seat of another body", a.ID)
		}
	}
	check := func(what, id, session, item string, err error) {
		if err != nil {
			t.Errorf("%s %s: %v", what, id, err)
		}
		if _, ok := sessions[session]; !ok || (item != "" && items[item] != session) {
			t.Errorf("%s %s: unknown session, or an item of another session", what, id)
		}
	}
	for _, d := range ds.Decisions {
		check("decision", d.ID, d.SessionID, d.AgendaItemID, d.Validate())
	}
	for _, a := range ds.Actions {
		check("action", a.ID, a.SessionID, a.AgendaItemID, a.Validate())
		if a.Due.IsZero() || (a.PersonID != "" && !people[a.PersonID]) {
			t.Errorf("action %s: no due date, or an unknown person", a.ID)
		}
	}
	ids := map[string]bool{}
	for _, p := range ds.Proposals {
		check("proposal", p.ID, p.SessionID, p.AgendaItemID, p.Validate())
		ids[p.ID] = true
	}
	for _, p := range ds.Proposals {
		if p.State == data.StateAccorpata && !ids[p.MergedIntoID] {
			t.Errorf("proposal %q is merged into an unknown proposal", p.Title)
		}
	}
	for _, v := range ds.Verbali {
		if len(v.PDF) != 0 || v.SHA256 != "" {
			t.Errorf("verbale of %s carries a PDF: the store renders it from the approved data", v.SessionID)
		}
	}
}

// TestMeetingsEveryBody checks that every body met one to three times, with the ordine del giorno a
// secretary writes and its time accounted for, and that one session waits to be held.
func TestMeetingsEveryBody(t *testing.T) {
	ds := trasimeno(t)
	held := map[string]int{}
	calls := map[data.Call]int{}
	var convened []data.Session
	for _, s := range ds.Sessions {
		if s.Status == data.SessionConvocata {
			convened = append(convened, s)
			continue
		}
		if !s.Status.Held() || s.Status == data.SessionInCorso || s.Started.IsZero() || !s.Ended.After(s.Started) {
			t.Errorf("session %s: status %s, %v-%v; want chiusa or approvata with its times", s.ID, s.Status, s.Started, s.Ended)
		}
		if s.Date.Year() < 2025 || s.Date.Year() > 2026 || !strings.Contains(s.Place, "Comune di ") {
			t.Errorf("session %s on %v at %q: want 2025-2026 in a town hall", s.ID, s.Date, s.Place)
		}
		held[s.BodyID]++
		calls[s.Call]++
		agenda := itemsOf(ds, s.ID)
		if len(agenda) < 3 || agenda[0].Title != data.DefaultAgenda[0] || agenda[len(agenda)-1].Title != data.DefaultAgenda[1] {
			t.Errorf("session %s: ordine del giorno %d items, want it to open and close as data.DefaultAgenda", s.ID, len(agenda))
		}
		var spent time.Duration
		for _, it := range agenda {
			spent += it.Spent
			if !it.Done || len(strings.TrimSpace(it.Notes)) < 40 {
				t.Errorf("session %s item %d: done %v, notes %q; want done with notes", s.ID, it.Position, it.Done, it.Notes)
			}
		}
		if d := s.Ended.Sub(s.Started) - spent; d < -10*time.Minute || d > 10*time.Minute {
			t.Errorf("session %s: items took %v of %v", s.ID, spent, s.Ended.Sub(s.Started))
		}
	}
	for _, b := range ds.Bodies {
		if n := held[b.ID]; n < 1 || n > 3 {
			t.Errorf("%s held %d sessions, want 1 to 3", b.Name, n)
		}
	}
	if calls[data.CallSeconda] == 0 || calls[data.CallPrima] <= calls[data.CallSeconda] {
		t.Errorf("calls = %v, want mostly prima and some seconda", calls)
	}
	if len(convened) != 1 || convened[0].Date.Year() != 2027 || len(itemsOf(ds, convened[0].ID)) < 3 {
		t.Fatalf("convened sessions = %+v, want one in 2027 with its ordine del giorno", convened)
	}
	for _, a := range ds.Attendance {
		if a.SessionID == convened[0].ID {
			t.Errorf("the convened session has a register line: %+v", a)
		}
	}
}

func itemsOf(ds data.Dataset, sessionID string) []data.AgendaItem {
	var out []data.AgendaItem
	for _, it := range ds.Agenda {
		if it.SessionID == sessionID {
			out = append(out, it)
		}
	}
	return out
}

// TestMeetingsBigSession looks for the open session of a Tavolo tematico: three hours, forty people
// present, ten items.
func TestMeetingsBigSession(t *testing.T) {
	ds := trasimeno(t)
	var found []string
	for _, s := range ds.Sessions {
		present := map[string]bool{}
		for _, a := range ds.Attendance {
			if a.SessionID == s.ID && a.Presence == data.PresencePresente {
				present[a.PersonID] = true
			}
		}
		if len(present) == 40 && len(itemsOf(ds, s.ID)) == 10 && s.Ended.Sub(s.Started) == 3*time.Hour &&
			bodyOf(ds, s.BodyID).Kind == data.BodyTavoloTematico {
			found = append(found, s.ID)
		}
	}
	if len(found) != 1 {
		t.Fatalf("sessions of 3 hours with 40 present and 10 items = %v, want one", found)
	}
	cats := map[data.Category]bool{}
	for _, a := range ds.Attendance {
		if a.SessionID == found[0] && a.Presence == data.PresencePresente {
			cats[personOf(ds, a.PersonID).Category] = true
		}
	}
	if len(cats) < 7 {
		t.Errorf("categories present at the big session = %v, want most of them", cats)
	}
}

func bodyOf(ds data.Dataset, id string) data.Body {
	for _, b := range ds.Bodies {
		if b.ID == id {
			return b
		}
	}
	return data.Body{}
}

func personOf(ds data.Dataset, id string) data.Person {
	for _, p := range ds.People {
		if p.ID == id {
			return p
		}
	}
	return data.Person{}
}

// TestMeetingsRegisters checks every register: a seat held by one person present at a time, no one
// holding more seats than the rules allow, and a delegate at every session of the Sindaci, who is
// someone of the comune's staff or council rather than its mayor.
func TestMeetingsRegisters(t *testing.T) {
	ds := trasimeno(t)
	seats := map[string]data.Seat{}
	for _, st := range ds.Seats {
		seats[st.ID] = st
	}
	holder := map[string]string{} // seat -> the member who holds it
	for _, m := range ds.Memberships {
		if m.SeatID != "" && m.Role != data.RoleDelegato {
			holder[m.SeatID] = m.PersonID
		}
	}
	for _, s := range ds.Sessions {
		body := bodyOf(ds, s.BodyID)
		heldBy := map[string]string{}
		perPerson := map[string]int{}
		delegations := 0
		for _, a := range ds.Attendance {
			if a.SessionID != s.ID || a.Presence != data.PresencePresente || a.SeatID == "" {
				continue
			}
			if other, ok := heldBy[a.SeatID]; ok {
				t.Errorf("session %s: seat %s held by %s and %s", s.ID, a.SeatID, other, a.PersonID)
			}
			heldBy[a.SeatID] = a.PersonID
			if perPerson[a.PersonID]++; perPerson[a.PersonID] > body.Rules.Proxies {
				t.Errorf("session %s: %s holds %d seats, rules allow %d", s.ID, a.PersonID, perPerson[a.PersonID], body.Rules.Proxies)
			}
			if !a.Delegated {
				continue
			}
			p := personOf(ds, a.PersonID)
			if p.Category == data.CatComune && p.ComuneID == seats[a.SeatID].ComuneID && holder[a.SeatID] != p.ID {
				delegations++
			}
			if a.Arrived.IsZero() {
				t.Errorf("session %s: delegate %s present without an arrival time", s.ID, p.FullName())
			}
		}
		if body.Kind == data.BodySindaci && s.Status.Held() && delegations == 0 {
			t.Errorf("session %s of the Sindaci has no delegate of a comune", s.ID)
		}
		if s.Status.Held() && 2*len(heldBy) <= len(seatsOf(ds, body.ID)) && s.Call == data.CallPrima {
			t.Errorf("session %s in prima convocazione: %d seats held of %d", s.ID, len(heldBy), len(seatsOf(ds, body.ID)))
		}
	}
}

func seatsOf(ds data.Dataset, bodyID string) []data.Seat {
	var out []data.Seat
	for _, st := range ds.Seats {
		if st.BodyID == bodyID {
			out = append(out, st)
		}
	}
	return out
}

// TestMeetingsProposals checks the proposals captured at the Tavoli tematici: at least three at each,
// of every kind, in the table's area, from someone present, project ideas with their cost and time.
func TestMeetingsProposals(t *testing.T) {
	ds := trasimeno(t)
	sessions := map[string]data.Session{}
	for _, s := range ds.Sessions {
		sessions[s.ID] = s
	}
	perBody := map[string]int{}
	kinds := map[data.ProposalKind]int{}
	states := map[data.ProposalState]int{}
	for _, p := range ds.Proposals {
		s := sessions[p.SessionID]
		body := bodyOf(ds, s.BodyID)
		perBody[body.ID]++
		kinds[p.Kind]++
		states[p.State]++
		if body.Kind != data.BodyTavoloTematico || p.AreaID != body.AreaID {
			t.Errorf("proposal %q captured at %s, area %s; want a Tavolo tematico's own area", p.Title, body.Name, p.AreaID)
		}
		if p.Text == "" || p.TargetGroup == "" || p.ProposerID == "" || len(p.ComuneIDs) == 0 {
			t.Errorf("proposal %q lacks its text, target group, proposer or comuni", p.Title)
		}
		if p.Kind == data.KindIpotesi && (p.Cost == data.CostUnknown || p.Duration == data.TimeUnknown) {
			t.Errorf("project idea %q has no cost or time band", p.Title)
		}
		present := false
		for _, a := range ds.Attendance {
			present = present || (a.SessionID == s.ID && a.PersonID == p.ProposerID && a.Presence == data.PresencePresente)
		}
		if !present || p.Created.Before(s.Started) || p.Created.After(s.Ended) || p.Updated.Before(p.Created) {
			t.Errorf("proposal %q: proposer present %v, captured %v in %v-%v", p.Title, present, p.Created, s.Started, s.Ended)
		}
	}
	for _, b := range ds.Bodies {
		if b.Kind == data.BodyTavoloTematico && perBody[b.ID] < 3 {
			t.Errorf("%s: %d proposals, want at least 3", b.Name, perBody[b.ID])
		}
	}
	if len(ds.Proposals) < 30 || len(kinds) != len(data.ProposalKinds) || len(states) < 6 {
		t.Errorf("proposals = %d, kinds %v, states %v; want 30 or more of every kind in several states",
			len(ds.Proposals), kinds, states)
	}
}

// TestMeetingsReproducible makes the demo twice: the same records down to the times, whatever the
// scale of its people.
func TestMeetingsReproducible(t *testing.T) {
	a, b := trasimeno(t), trasimeno(t)
	if !reflect.DeepEqual(a, b) {
		t.Fatal("two calls of Trasimeno(1) differ")
	}
	big, err := Trasimeno(3)
	if err != nil {
		t.Fatal(err)
	}
	// A larger scale adds generated proposals after the demo's own, with their own history: the
	// demo's own proposals and their events are the same.
	if len(big.Proposals) < len(a.Proposals) {
		t.Fatalf("proposals at scale 3 = %d, fewer than the %d at scale 1", len(big.Proposals), len(a.Proposals))
	}
	own := map[string]bool{}
	for _, p := range a.Proposals {
		own[p.ID] = true
	}
	var events []data.ProposalEvent
	for _, e := range big.Events {
		if own[e.ProposalID] {
			events = append(events, e)
		}
	}
	for _, f := range []struct {
		name string
		a, b any
	}{
		{"sessions", a.Sessions, big.Sessions}, {"agenda", a.Agenda, big.Agenda}, {"attendance", a.Attendance, big.Attendance},
		{"decisions", a.Decisions, big.Decisions}, {"actions", a.Actions, big.Actions},
		{"proposals", a.Proposals, big.Proposals[:len(a.Proposals)]}, {"events", a.Events, events},
	} {
		if !reflect.DeepEqual(f.a, f.b) {
			t.Errorf("%s differ between scale 1 and scale 3", f.name)
		}
	}
	for _, s := range a.Sessions {
		if s.Date.Location() != data.Zone {
			t.Errorf("session %s dated in %v, want %v", s.ID, s.Date.Location(), data.Zone)
		}
	}
}

func TestEmptyHasNoMeetings(t *testing.T) {
	n := 0
	ds := Empty("Ambito di prova", func() string { n++; return fmt.Sprint(n) })
	if m := len(ds.Sessions) + len(ds.Agenda) + len(ds.Attendance) + len(ds.Decisions) + len(ds.Actions) +
		len(ds.Proposals) + len(ds.Verbali); m != 0 {
		t.Errorf("Empty() has %d meeting records, want none", m)
	}
}
