package sqlite

import (
	"testing"
	"time"

	"github.com/tavoli/tavoli/data"
)

// TestAgendaNotesTwoWindows checks that two windows on one file do not overwrite each other's notes:
// the second save made over a version that has moved on is refused as persons are, and the first
// window's words stay stored.
func TestAgendaNotesTwoWindows(t *testing.T) {
	m := newMeeting(t)
	id := m.march.ID
	item := m.addItem(t, id, "Piano di Zona")
	other := openAt(t, m.path, meetOptions(m.clock)) // a second window on the same file

	mine, err := m.s.Agenda(m.ctx, id)
	must(t, "Agenda (first window)", err)
	theirs, err := other.Agenda(m.ctx, id)
	must(t, "Agenda (second window)", err)
	a, b := mine[1], theirs[1]
	if a.ID != item.ID || b.ID != item.ID {
		t.Fatalf("Agenda()[1] = %s and %s, want %s in both windows", a.ID, b.ID, item.ID)
	}

	m.clock.add(time.Minute)
	a.Notes = "Interviene Rossi."
	a, err = m.s.SaveAgendaItem(m.ctx, a)
	must(t, "SaveAgendaItem (first window)", err)

	m.clock.add(time.Minute)
	b.Notes = "Interviene Bianchi."
	_, err = other.SaveAgendaItem(m.ctx, b)
	wantErr(t, "SaveAgendaItem (second window, stale)", err, data.EChanged, "err.record.changed")
	if got := m.agenda(t, id)[1].Notes; got != "Interviene Rossi." {
		t.Errorf("stored notes after the refused save = %q, want the first window's", got)
	}

	// The first window goes on from the version it got back: no conflict with itself.
	a.Notes += " Interviene Verdi."
	a, err = m.s.SaveAgendaItem(m.ctx, a)
	must(t, "SaveAgendaItem (first window, again)", err)

	// The meeting's clock moves the item too: a save over the version before it is refused, and one
	// over the version after it is taken, with the time spent kept as the clock set it.
	m.move(t, id, data.SessionConvocata, data.SessionInCorso)
	_, err = m.s.SetCurrentItem(m.ctx, id, item.ID)
	must(t, "SetCurrentItem", err)
	m.clock.add(5 * time.Minute)
	_, err = m.s.SetCurrentItem(m.ctx, id, m.agenda(t, id)[0].ID)
	must(t, "SetCurrentItem (back)", err)
	a.Notes += " Si rinvia."
	_, err = m.s.SaveAgendaItem(m.ctx, a)
	wantErr(t, "SaveAgendaItem (over the version before the clock)", err, data.EChanged, "err.record.changed")
	cur := m.agenda(t, id)[1]
	cur.Notes = a.Notes
	got, err := m.s.SaveAgendaItem(m.ctx, cur)
	must(t, "SaveAgendaItem (over the current version)", err)
	if got.Notes != "Interviene Rossi. Interviene Verdi. Si rinvia." || got.Spent != 5*time.Minute {
		t.Errorf("SaveAgendaItem = notes %q, spent %v; want the three sentences, 5m", got.Notes, got.Spent)
	}
}
