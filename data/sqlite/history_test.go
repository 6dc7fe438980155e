package sqlite

import (
	"context"
	"database/sql"
	"path/filepath"
	"reflect"
	"testing"
	"time"

	"github.com/tavoli/tavoli/data"
	"github.com/tavoli/tavoli/data/bundle"
)

// recordsPerNewPerson is what a person saved here adds to the next bundle: the person, and the entry of
// its history that says who made it and when.
const recordsPerNewPerson = 2

// historyOf reads a record's history, failing the test on an error.
func historyOf(t *testing.T, s *Store, id string) []data.HistoryEntry {
	t.Helper()
	h, err := s.History(context.Background(), id)
	must(t, "History", err)
	return h
}

// fields is what an entry changed, field by field, as "old → new".
func fields(e data.HistoryEntry) map[string][2]any {
	out := map[string][2]any{}
	for _, c := range e.Changes {
		out[c.Field] = [2]any{c.Old, c.New}
	}
	return out
}

// A person's life as its history tells it: made, changed (old → new, the derived columns left out), the
// saves of someone typing made one entry, a later change another, deleted and brought back; each entry
// names the operator and the computer as they were.
func TestHistoryOfAPerson(t *testing.T) {
	ctx := context.Background()
	clock := &meetClock{t: time.Date(2026, 12, 7, 9, 0, 0, 0, time.UTC)}
	s := openAt(t, filepath.Join(t.TempDir(), "tavoli.db"), meetOptions(clock))
	must(t, "RegisterDevice", s.RegisterDevice(ctx, "PC-UDP", "Lucia Ferri"))
	p, err := s.SavePerson(ctx, data.Person{Surname: "Rossi", Name: "Maria", Category: data.CatCittadino,
		Phone: "333 111"})
	must(t, "SavePerson(new)", err)
	h := historyOf(t, s, p.ID)
	if len(h) != 1 || h[0].Action != data.HistoryCreated || h[0].Who() != "Lucia Ferri (PC-UDP)" ||
		!h[0].At.Equal(p.Updated) || h[0].Kind != data.KindPerson || len(h[0].Changes) != 0 {
		t.Fatalf("History after creating = %+v, want one creation by Lucia Ferri (PC-UDP)", h)
	}

	// Someone types the new phone and an email: the form saves a second after each pause.
	clock.add(2 * time.Hour)
	for i, phone := range []string{"333 2", "333 22", "333 222"} {
		clock.add(1100 * time.Millisecond)
		p.Phone = phone
		if i == 2 {
			p.Email = "maria.rossi@example.it"
		}
		p, err = s.SavePerson(ctx, p)
		must(t, "SavePerson("+phone+")", err)
	}
	clock.add(9 * time.Minute) // a last correction within the window of the last save
	p.Email = "m.rossi@example.it"
	p, err = s.SavePerson(ctx, p)
	must(t, "SavePerson(email)", err)
	h = historyOf(t, s, p.ID)
	want := map[string][2]any{"phone": {"333 111", "333 222"}, "email": {"", "m.rossi@example.it"}}
	if len(h) != 2 || h[0].Action != data.HistoryChanged || !reflect.DeepEqual(fields(h[0]), want) ||
		!h[0].At.Equal(p.Updated) {
		t.Fatalf("History after typing = %+v, want one change %v at %v", h, want, p.Updated)
	}

	// Later, under another operator: a new entry.
	must(t, "RegisterDevice", s.RegisterDevice(ctx, "PC-UDP", "Anna Neri"))
	clock.add(11 * time.Minute)
	p.Phone = "333 333"
	p, err = s.SavePerson(ctx, p)
	must(t, "SavePerson(later)", err)
	// A save that changes nothing is no change.
	clock.add(time.Second)
	p, err = s.SavePerson(ctx, p)
	must(t, "SavePerson(same)", err)
	h = historyOf(t, s, p.ID)
	if len(h) != 3 || h[0].Who() != "Anna Neri (PC-UDP)" ||
		!reflect.DeepEqual(fields(h[0]), map[string][2]any{"phone": {"333 222", "333 333"}}) {
		t.Fatalf("History after a later change = %+v, want a third entry phone 333 222 → 333 333 by Anna Neri", h)
	}
	// Typed back to what it was, within the window: the entry goes.
	clock.add(30 * time.Second)
	p.Phone = "333 222"
	p, err = s.SavePerson(ctx, p)
	must(t, "SavePerson(back)", err)
	if h = historyOf(t, s, p.ID); len(h) != 2 {
		t.Fatalf("History after typing back = %d entries, want 2", len(h))
	}

	clock.add(time.Hour)
	refs, err := s.Delete(ctx, data.Ref{Kind: data.KindPerson, ID: p.ID})
	must(t, "Delete", err)
	clock.add(time.Minute)
	must(t, "Restore", s.Restore(ctx, refs))
	h = historyOf(t, s, p.ID)
	if len(h) != 4 || h[0].Action != data.HistoryRestored || h[1].Action != data.HistoryDeleted {
		t.Fatalf("History after delete and restore = %+v, want restored, deleted first", h)
	}
	if _, err := s.History(ctx, "00000000-0000-4000-8000-999999999999"); data.ErrorCode(err) != data.ENotFound {
		t.Errorf("History(unknown id) = %v, want not found", err)
	}
}

// A change of organisation reads as names, not ids; a session's history keeps its changes too.
func TestHistoryNamesReferences(t *testing.T) {
	m := newMeeting(t)
	org, err := m.s.SaveOrganisation(m.ctx, data.Organisation{Name: "Cooperativa Il Girasole", Category: data.CatAssociazione})
	must(t, "SaveOrganisation", err)
	p := m.verdi
	p.OrganisationID = org.ID
	m.clock.add(time.Hour)
	_, err = m.s.SavePerson(m.ctx, p)
	must(t, "SavePerson", err)
	h := historyOf(t, m.s, p.ID)
	if len(h) != 2 || h[0].Names[org.ID] != "Cooperativa Il Girasole" ||
		!reflect.DeepEqual(fields(h[0]), map[string][2]any{"organisation_id": {nil, org.ID}}) {
		t.Fatalf("History = %+v, want organisation_id nothing → %s named", h, org.ID)
	}
	// Joined by hand into another record of the same person: the alias says into whom, by name.
	twin, err := m.s.SavePerson(m.ctx, data.Person{Surname: "Verdi", Name: "Paolo", Category: data.CatComune})
	must(t, "SavePerson(twin)", err)
	m.clock.add(time.Hour)
	_, err = m.s.Join(m.ctx, data.KindPerson, twin.ID, p.ID)
	must(t, "Join", err)
	h = historyOf(t, m.s, twin.ID)
	if len(h) != 2 || h[0].Action != data.HistoryDeleted || h[0].Names[p.ID] != "Verdi Paolo" ||
		!reflect.DeepEqual(fields(h[0]), map[string][2]any{"alias_of": {nil, p.ID}}) {
		t.Fatalf("joined twin's history = %+v, want its deletion as an alias of %s", h, p.ID)
	}
	sess := m.march
	sess.Place = "Sala Rossa"
	m.clock.add(time.Hour)
	_, err = m.s.SaveSession(m.ctx, sess)
	must(t, "SaveSession", err)
	h = historyOf(t, m.s, sess.ID)
	if len(h) != 2 || fields(h[0])["place"] != [2]any{"Sala consiliare, Comune di Magione", "Sala Rossa"} {
		t.Fatalf("session history = %+v", h)
	}
}

// A secret vote leaves nothing in any history: not its ballots, not who voted, in what order or when.
func TestHistoryNothingOfSecretBallots(t *testing.T) {
	m := runningMarch(t)
	v := m.openVote(t, data.Vote{Method: data.MethodMotion, Subject: "Nomina del rappresentante", Secret: true})
	for _, seat := range []string{m.seatBianchi.ID, m.seatRossi.ID} {
		m.clock.add(time.Minute)
		must(t, "MarkVoted", m.s.MarkVoted(m.ctx, v.ID, seat))
	}
	var ids []string
	for _, c := range []string{"favorevole", "contrario"} {
		m.clock.add(time.Minute)
		b, err := m.s.SaveBallot(m.ctx, data.VoteBallot{VoteID: v.ID, Count: 1, Choice: c})
		must(t, "SaveBallot", err)
		ids = append(ids, b.ID)
	}
	must(t, "RemoveBallot", m.s.RemoveBallot(m.ctx, v.ID, ids[0]))
	var n int
	must(t, "count", m.s.db.QueryRow(`SELECT count(*) FROM record_history WHERE kind IN ('vote_ballot', 'vote_voter')
		OR record_id IN (SELECT id FROM vote_ballots UNION SELECT id FROM vote_voters)`).Scan(&n))
	if n != 0 {
		t.Errorf("%d history entries of a secret vote's ballots and voters, want none", n)
	}
	// An open vote's ballots name their seat and keep their history like any record.
	m.clock.add(time.Minute)
	_, err := m.s.CloseVote(m.ctx, v.ID)
	must(t, "CloseVote", err)
	open := m.openVote(t, data.Vote{Method: data.MethodMotion, Subject: "Ordine del giorno"})
	b, err := m.s.SaveBallot(m.ctx, data.VoteBallot{VoteID: open.ID, Voter: m.seatRossi.ID, Choice: "favorevole"})
	must(t, "SaveBallot(open)", err)
	if h := historyOf(t, m.s, b.ID); len(h) != 1 || h[0].Action != data.HistoryCreated {
		t.Errorf("open ballot's history = %+v, want its creation", h)
	}
}

// An entry travels in bundles: after a round trip between two laptops each holds it once, as made;
// the receiving laptop adds no entry of its own for what it merged, and an entry arriving again (by
// another path) stays one row.
func TestHistoryTravels(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	day := time.Date(2026, 12, 7, 9, 0, 0, 0, time.UTC)
	a := openAt(t, filepath.Join(dir, "a.db"), replicaOptions("device-a", day))
	b := openAt(t, filepath.Join(dir, "b.db"), replicaOptions("device-b", day.Add(time.Hour)))
	must(t, "RegisterDevice a", a.RegisterDevice(ctx, "PC-UDP", "Lucia Ferri"))
	must(t, "RegisterDevice b", b.RegisterDevice(ctx, "Portatile 3", "Marco Bini"))
	_, err := a.SaveAmbito(ctx, data.Ambito{Name: "Ambito n.5 Trasimeno", Region: "Umbria"})
	must(t, "SaveAmbito", err)
	p, err := a.SavePerson(ctx, data.Person{Surname: "Rossi", Name: "Maria", Category: data.CatCittadino, Phone: "333 111"})
	must(t, "SavePerson", err)
	exchange(t, a, b, bundle.ExportOptions{})
	pv, err := b.Person(ctx, p.ID)
	must(t, "Person b", err)
	pb := pv.Person
	pb.Phone = "333 222"
	_, err = b.SavePerson(ctx, pb)
	must(t, "SavePerson b", err)
	exchange(t, b, a, bundle.ExportOptions{})
	exchange(t, a, b, bundle.ExportOptions{Everything: true})
	exchange(t, b, a, bundle.ExportOptions{Everything: true})
	for name, s := range map[string]*Store{"a": a, "b": b} {
		h := historyOf(t, s, p.ID)
		if len(h) != 2 || h[0].Who() != "Marco Bini (Portatile 3)" || h[0].Author != "device-b" ||
			fields(h[0])["phone"] != [2]any{"333 111", "333 222"} || h[1].Who() != "Lucia Ferri (PC-UDP)" ||
			h[1].Action != data.HistoryCreated {
			t.Errorf("%s: History = %+v, want Lucia Ferri's creation and Marco Bini's change", name, h)
		}
		var rows int
		must(t, "count", s.db.QueryRow(`SELECT count(*) FROM record_history WHERE record_id = ?`, p.ID).Scan(&rows))
		if rows != 2 {
			t.Errorf("%s: %d history rows, want 2", name, rows)
		}
	}
}

// forgetHistory takes an erased person's values out of every entry, and the scrubbed entries win on
// the other laptop.
func TestForgetHistory(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	day := time.Date(2026, 12, 7, 9, 0, 0, 0, time.UTC)
	clock := &meetClock{t: day}
	a := openAt(t, filepath.Join(dir, "a.db"), Options{Verbale: testVerbale, Device: "device-a", Now: clock.Now})
	b := openAt(t, filepath.Join(dir, "b.db"), replicaOptions("device-b", day.Add(5*time.Hour)))
	_, err := a.SaveAmbito(ctx, data.Ambito{Name: "Ambito n.5 Trasimeno", Region: "Umbria"})
	must(t, "SaveAmbito", err)
	p, err := a.SavePerson(ctx, data.Person{Surname: "Rossi", Name: "Maria", Category: data.CatCittadino})
	must(t, "SavePerson", err)
	for _, change := range []func(*data.Person){
		func(p *data.Person) { p.Phone = "333 111" },
		func(p *data.Person) { p.Phone, p.Email = "333 222", "maria@example.it" },
		func(p *data.Person) { p.Category = data.CatAssociazione },
	} {
		clock.add(time.Hour) // an hour apart: an entry each
		pv, err := a.Person(ctx, p.ID)
		must(t, "Person", err)
		pp := pv.Person
		change(&pp)
		_, err = a.SavePerson(ctx, pp)
		must(t, "SavePerson", err)
	}
	exchange(t, a, b, bundle.ExportOptions{})
	before := historyOf(t, b, p.ID)
	err = b.write(ctx, func(tx *sql.Tx) error {
		return b.forgetHistory(ctx, tx, data.Ref{Kind: data.KindPerson, ID: p.ID},
			map[string]string{"phone": "[cancellato]", "email": "[cancellato]"})
	})
	must(t, "forgetHistory", err)
	exchange(t, b, a, bundle.ExportOptions{})
	for name, s := range map[string]*Store{"a": a, "b": b} {
		h := historyOf(t, s, p.ID)
		if len(h) != len(before) || len(h) != 4 {
			t.Fatalf("%s: %d entries, want %d", name, len(h), len(before))
		}
		got := map[string][2]any{}
		for _, e := range h {
			for f, v := range fields(e) {
				if f != "category" {
					got[f+" "+e.At.Format(time.TimeOnly)] = v
				}
			}
		}
		for k, v := range got {
			for _, x := range v {
				if x != nil && x != "" && x != "[cancellato]" {
					t.Errorf("%s: %s keeps %v", name, k, x)
				}
			}
		}
		if c := fields(h[0])["category"]; c != [2]any{string(data.CatCittadino), string(data.CatAssociazione)} {
			t.Errorf("%s: category %v, want it kept", name, c)
		}
		var n int
		must(t, "count", s.db.QueryRow(`SELECT count(*) FROM record_history WHERE changes LIKE '%333%'
			OR changes LIKE '%example%'`).Scan(&n))
		if n != 0 {
			t.Errorf("%s: %d rows still hold the values", name, n)
		}
	}
}

// A version set aside and put back is a change of the computer that put it back: its entry says what
// came back, and the merge that set it aside wrote none.
func TestHistoryOfARestore(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	day := time.Date(2026, 12, 7, 9, 0, 0, 0, time.UTC)
	clock := &meetClock{t: day}
	a := openAt(t, filepath.Join(dir, "a.db"), Options{Verbale: testVerbale, Device: "device-a", Now: clock.Now})
	b := openAt(t, filepath.Join(dir, "b.db"), replicaOptions("device-b", day.Add(time.Hour)))
	_, err := a.SaveAmbito(ctx, data.Ambito{Name: "Ambito n.5 Trasimeno", Region: "Umbria"})
	must(t, "SaveAmbito", err)
	p, err := a.SavePerson(ctx, data.Person{Surname: "Rossi", Name: "Maria", Category: data.CatCittadino, Phone: "333 000"})
	must(t, "SavePerson", err)
	exchange(t, a, b, bundle.ExportOptions{})
	clock.add(20 * time.Minute) // past the making of the record
	pa := p
	pa.Phone = "333 111"
	_, err = a.SavePerson(ctx, pa)
	must(t, "SavePerson a", err)
	pv, err := b.Person(ctx, p.ID)
	must(t, "Person b", err)
	pb := pv.Person
	pb.Phone = "333 222" // later, on b's clock: b's version wins
	_, err = b.SavePerson(ctx, pb)
	must(t, "SavePerson b", err)
	exchange(t, b, a, bundle.ExportOptions{})
	h := historyOf(t, a, p.ID)
	if len(h) != 3 || h[0].Author != "device-b" {
		t.Fatalf("a's history after the conflict = %+v, want the creation and both changes, b's last", h)
	}
	vs, err := a.Versions(ctx, false)
	must(t, "Versions", err)
	if len(vs) != 1 {
		t.Fatalf("versions set aside on a = %d, want 1", len(vs))
	}
	clock.add(2 * time.Hour)
	must(t, "RestoreVersion", a.RestoreVersion(ctx, vs[0].ID))
	h = historyOf(t, a, p.ID)
	if len(h) != 4 || h[0].Action != data.HistoryRestored || h[0].Author != "device-a" ||
		!reflect.DeepEqual(fields(h[0]), map[string][2]any{"phone": {"333 222", "333 111"}}) {
		t.Fatalf("a's history after the restore = %+v, want a restore of phone 333 222 → 333 111 by a", h)
	}
}
