package data_test

import (
	"strings"
	"testing"
	"time"

	"github.com/tavoli/tavoli/data"
)

func TestSessionStatus(t *testing.T) {
	tests := []struct {
		s            data.SessionStatus
		valid        bool
		next         data.SessionStatus
		hasNext      bool
		locked, held bool
	}{
		{data.SessionBozza, true, data.SessionConvocata, true, false, false},
		{data.SessionConvocata, true, data.SessionInCorso, true, false, false},
		{data.SessionInCorso, true, data.SessionChiusa, true, false, true},
		{data.SessionChiusa, true, data.SessionApprovata, true, false, true},
		{data.SessionApprovata, true, "", false, true, true},
		{"", false, "", false, false, false},
		{"annullata", false, "", false, false, false},
		{"Bozza", false, "", false, false, false},
	}
	for _, tt := range tests {
		t.Run(string(tt.s), func(t *testing.T) {
			if got := tt.s.Valid(); got != tt.valid {
				t.Errorf("SessionStatus(%q).Valid() = %v, want %v", tt.s, got, tt.valid)
			}
			if got, ok := tt.s.Next(); got != tt.next || ok != tt.hasNext {
				t.Errorf("SessionStatus(%q).Next() = %q, %v, want %q, %v", tt.s, got, ok, tt.next, tt.hasNext)
			}
			if got := tt.s.Locked(); got != tt.locked {
				t.Errorf("SessionStatus(%q).Locked() = %v, want %v", tt.s, got, tt.locked)
			}
			if got := tt.s.Held(); got != tt.held {
				t.Errorf("SessionStatus(%q).Held() = %v, want %v", tt.s, got, tt.held)
			}
		})
	}
	// Walking Next from bozza visits every status once, in the listed order.
	var walk []data.SessionStatus
	for s, ok := data.SessionBozza, true; ok; s, ok = s.Next() {
		walk = append(walk, s)
	}
	if len(walk) != len(data.SessionStatuses) {
		t.Fatalf("Next() from bozza visits %v, want %v", walk, data.SessionStatuses)
	}
	for i := range walk {
		if walk[i] != data.SessionStatuses[i] {
			t.Errorf("Next() from bozza visits %v, want %v", walk, data.SessionStatuses)
			break
		}
	}
}

func TestAttendanceValidate(t *testing.T) {
	at := time.Date(2027, 3, 12, 15, 0, 0, 0, time.UTC)
	ok := data.Attendance{SessionID: "s", PersonID: "p", Presence: data.PresencePresente}
	with := func(f func(*data.Attendance)) data.Attendance { a := ok; f(&a); return a }
	tests := []struct {
		name string
		a    data.Attendance
		key  string
	}{
		{"present guest", ok, ""},
		{"present on a seat", with(func(a *data.Attendance) { a.SeatID = "seat" }), ""},
		{"delegate", with(func(a *data.Attendance) { a.SeatID, a.Delegated = "seat", true }), ""},
		{"absent", with(func(a *data.Attendance) { a.Presence = data.PresenceAssente }), ""},
		{"excused", with(func(a *data.Attendance) { a.Presence = data.PresenceGiustificato }), ""},
		{"arrived and left", with(func(a *data.Attendance) { a.Arrived, a.Left = at, at.Add(time.Hour) }), ""},
		{"left as they arrived", with(func(a *data.Attendance) { a.Arrived, a.Left = at, at }), ""},
		{"left, arrival unknown", with(func(a *data.Attendance) { a.Left = at }), ""},
		{"no session", with(func(a *data.Attendance) { a.SessionID = "" }), "err.register.person_required"},
		{"no person", with(func(a *data.Attendance) { a.PersonID = "" }), "err.register.person_required"},
		{"no presence", with(func(a *data.Attendance) { a.Presence = "" }), "err.register.presence"},
		{"unknown presence", with(func(a *data.Attendance) { a.Presence = "ritardo" }), "err.register.presence"},
		{"delegate without a seat", with(func(a *data.Attendance) { a.Delegated = true }), "err.register.delegate_seat"},
		{"left before arriving", with(func(a *data.Attendance) { a.Arrived, a.Left = at, at.Add(-time.Minute) }),
			"err.register.left_before_arrived"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			checkKey(t, "Attendance{"+tt.name+"}.Validate()", tt.a.Validate(), tt.key)
		})
	}
}

func TestDecisionValidate(t *testing.T) {
	tests := []struct {
		name string
		d    data.Decision
		key  string
	}{
		{"valid", data.Decision{SessionID: "s", Text: "Il verbale è approvato all'unanimità."}, ""},
		{"on an item, with a vote", data.Decision{SessionID: "s", AgendaItemID: "i", VoteID: "v", Text: "Approvato."}, ""},
		{"no session", data.Decision{Text: "Approvato."}, "err.agenda.session_required"},
		{"no text", data.Decision{SessionID: "s"}, "err.decision.text_required"},
		{"blank text", data.Decision{SessionID: "s", Text: " \t\n"}, "err.decision.text_required"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			checkKey(t, "Decision{"+tt.name+"}.Validate()", tt.d.Validate(), tt.key)
		})
	}
}

func TestActionItemValidate(t *testing.T) {
	due := time.Date(2027, 4, 30, 0, 0, 0, 0, time.UTC)
	tests := []struct {
		name string
		a    data.ActionItem
		key  string
	}{
		{"who as text", data.ActionItem{SessionID: "s", Who: "Ufficio di Piano", What: "Mappa dei servizi", Due: due}, ""},
		{"who as a person", data.ActionItem{SessionID: "s", PersonID: "p", What: "Mappa dei servizi"}, ""},
		{"no session", data.ActionItem{Who: "Ufficio di Piano", What: "Mappa"}, "err.agenda.session_required"},
		{"no what", data.ActionItem{SessionID: "s", Who: "Ufficio di Piano"}, "err.action.what_required"},
		{"blank what", data.ActionItem{SessionID: "s", Who: "Ufficio di Piano", What: "  "}, "err.action.what_required"},
		{"no who", data.ActionItem{SessionID: "s", What: "Mappa"}, "err.action.who_required"},
		{"blank who", data.ActionItem{SessionID: "s", Who: " ", What: "Mappa"}, "err.action.who_required"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			checkKey(t, "ActionItem{"+tt.name+"}.Validate()", tt.a.Validate(), tt.key)
		})
	}
}

func TestAgendaItemValidateSpent(t *testing.T) {
	a := data.AgendaItem{SessionID: "s", Title: "Varie ed eventuali", Spent: -time.Second}
	checkKey(t, "AgendaItem{negative spent}.Validate()", a.Validate(), "err.agenda.spent_negative")
	a.Spent = 90 * time.Minute
	checkKey(t, "AgendaItem{spent 90m}.Validate()", a.Validate(), "")
}

func TestDefaultAgenda(t *testing.T) {
	want := []string{"Approvazione del verbale della seduta precedente", "Varie ed eventuali"}
	if len(data.DefaultAgenda) != len(want) || data.DefaultAgenda[0] != want[0] || data.DefaultAgenda[1] != want[1] {
		t.Errorf("DefaultAgenda = %q, want %q", data.DefaultAgenda, want)
	}
}

func TestDossierItems(t *testing.T) {
	d := data.Dossier{
		Seats: []data.SeatView{{Seat: data.Seat{Meta: data.Meta{ID: "cast"}}, Population: 15150},
			{Seat: data.Seat{Meta: data.Meta{ID: "org"}}}},
		Decisions: []data.Decision{{Meta: data.Meta{ID: "d1"}, AgendaItemID: "i1"}, {Meta: data.Meta{ID: "d2"}},
			{Meta: data.Meta{ID: "d3"}, AgendaItemID: "i1"}},
		Actions: []data.ActionItem{{Meta: data.Meta{ID: "a1"}, AgendaItemID: "i2"}, {Meta: data.Meta{ID: "a2"},
			AgendaItemID: "i1"}},
		Proposals: []data.ProposalView{{Proposal: data.Proposal{Meta: data.Meta{ID: "p1"}, AgendaItemID: "i2"}}},
		Votes:     []data.Vote{{Meta: data.Meta{ID: "v1"}, AgendaItemID: "i2"}, {Meta: data.Meta{ID: "v2"}, AgendaItemID: "i2"}},
	}
	ids := func(n int, id func(int) string) string {
		var out []string
		for i := range n {
			out = append(out, id(i))
		}
		return strings.Join(out, " ")
	}
	tests := []struct {
		item                 string
		dec, act, prop, vote string
	}{
		{"i1", "d1 d3", "a2", "", ""},
		{"i2", "", "a1", "p1", "v1 v2"},
		{"", "d2", "", "", ""}, // decisions on no item
		{"i9", "", "", "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.item, func(t *testing.T) {
			dec := d.ItemDecisions(tt.item)
			act := d.ItemActions(tt.item)
			prop := d.ItemProposals(tt.item)
			vote := d.ItemVotes(tt.item)
			got := []string{ids(len(dec), func(i int) string { return dec[i].ID }),
				ids(len(act), func(i int) string { return act[i].ID }),
				ids(len(prop), func(i int) string { return prop[i].ID }),
				ids(len(vote), func(i int) string { return vote[i].ID })}
			want := []string{tt.dec, tt.act, tt.prop, tt.vote}
			if strings.Join(got, "|") != strings.Join(want, "|") {
				t.Errorf("Dossier.Item*(%q) = %q, want %q", tt.item, got, want)
			}
		})
	}
	seats := d.VoteSeats()
	if len(seats) != 2 || seats[0] != (data.SeatWeight{ID: "cast", Population: 15150}) || seats[1] != (data.SeatWeight{ID: "org"}) {
		t.Errorf("Dossier.VoteSeats() = %v, want [{cast 15150} {org 0}]", seats)
	}
}
