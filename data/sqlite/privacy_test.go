package sqlite

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/tavoli/tavoli/data"
	"github.com/tavoli/tavoli/data/bundle"
)

// personalValues are the strings that must not survive a person's erasure anywhere: their names as
// registers write them and as the search columns fold them, their contacts and notes.
func personalValues(p data.Person, extra ...string) []string {
	vals := []string{p.Surname + " " + p.Name, p.Name + " " + p.Surname,
		data.Fold(p.Surname + " " + p.Name), p.Email, p.Phone}
	if p.Notes != "" {
		vals = append(vals, p.Notes)
	}
	return append(vals, extra...)
}

// fileBytes reads a database file and its WAL, as anyone with a copy of the folder could.
func fileBytes(t *testing.T, path string) []byte {
	t.Helper()
	b, err := os.ReadFile(path)
	must(t, "ReadFile", err)
	if w, err := os.ReadFile(path + "-wal"); err == nil {
		b = append(b, w...)
	}
	return b
}

// leaks lists the values found in b, in UTF-8 as SQLite stores text.
func leaks(b []byte, vals []string) []string {
	var out []string
	for _, v := range vals {
		if v != "" && bytes.Contains(b, []byte(v)) {
			out = append(out, v)
		}
	}
	return out
}

// dumpAll is every record of a bundle of everything the store holds, as JSON.
func dumpAll(t *testing.T, s *Store) []byte {
	t.Helper()
	var buf bytes.Buffer
	_, err := s.ExportBundle(context.Background(), &buf, bundle.ExportOptions{Everything: true, NoEncryption: true})
	must(t, "ExportBundle", err)
	raw := bytes.Clone(buf.Bytes())
	in, err := ReadBundle(&buf, "")
	must(t, "ReadBundle", err)
	if len(in.Records) == 0 {
		t.Fatal("a bundle of everything with no record")
	}
	j, err := json.Marshal(in.Records)
	must(t, "Marshal", err)
	return append(j, raw...)
}

// tracedPerson is a demo person who took part in sessions, with an email and a phone.
func tracedPerson(t *testing.T, s *Store) data.PersonView {
	t.Helper()
	ctx := context.Background()
	people, err := s.People(ctx, data.PeopleFilter{})
	must(t, "People", err)
	for _, p := range people {
		if p.Email == "" || p.Phone == "" {
			continue
		}
		var n int
		if err := s.db.QueryRow(`SELECT count(*) FROM attendance WHERE person_id = ?`, p.ID).Scan(&n); err != nil {
			t.Fatal(err)
		}
		if n > 0 {
			return p
		}
	}
	t.Fatal("the demo has nobody with contacts who attended a session")
	return data.PersonView{}
}

// Three laptops share the demo. One erases a person whose record the others edit before they hear of
// it; after the exchanges, none of the three files and none of their bundles of everything holds the
// person's names, contacts or notes, the person is erased alike everywhere, and the approved verbali
// are byte for byte what they were.
func TestErasureLeavesNoTraceOnThreeLaptops(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	day := time.Date(2027, 3, 12, 15, 0, 0, 0, time.UTC)
	paths := map[string]string{"a": filepath.Join(dir, "a.db"), "b": filepath.Join(dir, "b.db"), "c": filepath.Join(dir, "c.db")}
	a := openAt(t, paths["a"], replicaOptions("device-a", day))
	seedDemo(t, a, 1)
	b := openAt(t, paths["b"], replicaOptions("device-b", day.Add(time.Hour)))
	c := openAt(t, paths["c"], replicaOptions("device-c", day.Add(2*time.Hour)))
	exchange(t, a, b, bundle.ExportOptions{})
	exchange(t, a, c, bundle.ExportOptions{})

	x := tracedPerson(t, a)
	verbali := func(s *Store) map[string][]byte {
		rows, err := s.db.Query(`SELECT id, pdf FROM verbali WHERE deleted = 0`)
		must(t, "verbali", err)
		defer rows.Close()
		out := map[string][]byte{}
		for rows.Next() {
			var id string
			var pdf []byte
			must(t, "Scan", rows.Scan(&id, &pdf))
			out[id] = pdf
		}
		return out
	}
	before := verbali(a)
	if len(before) == 0 {
		t.Fatal("the demo has no approved verbale")
	}

	// A and B change the phone independently: A keeps the loser aside, with a phone of its own.
	pa := x.Person
	pa.Phone, pa.Notes = "333 100 0001", "Preferisce essere chiamata al mattino"
	_, err := a.SavePerson(ctx, pa)
	must(t, "SavePerson a", err)
	pb, err := b.Person(ctx, x.ID)
	must(t, "Person b", err)
	pb.Phone = "333 100 0002"
	_, err = b.SavePerson(ctx, pb.Person)
	must(t, "SavePerson b", err)
	exchange(t, b, a, bundle.ExportOptions{})
	if n := rowCount(t, a, "record_versions", "record_id = ? AND deleted = 0", x.ID); n != 1 {
		t.Fatalf("A keeps %d versions of the person aside, want 1 (the conflict)", n)
	}
	vals := personalValues(x.Person, "333 100 0001", "333 100 0002", pa.Notes, "333 100 0003")
	if l := leaks(fileBytes(t, paths["a"]), vals); len(l) == 0 {
		t.Fatal("before the erasure the file holds none of the values: the scan proves nothing")
	}

	res, err := a.ErasePerson(ctx, x.ID)
	must(t, "ErasePerson", err)
	if res.People != 1 || res.Versions != 1 || res.Approved == 0 || res.Pending {
		t.Fatalf("erasure = %+v, want 1 person, 1 version emptied, approved verbali kept, nothing pending", res)
	}
	if l := leaks(fileBytes(t, paths["a"]), vals); len(l) > 0 {
		t.Fatalf("after the erasure A's file still holds %q, in %v", l, whereIs(t, a, l))
	}
	got, err := a.Person(ctx, x.ID)
	must(t, "Person", err)
	if !got.Erased() || got.Email != "" || got.Phone != "" || got.Notes != "" || got.OrganisationID != "" ||
		got.Surname != x.Surname[:1]+". "+x.Name[:1]+"." || got.Name != "" || got.Category != x.Category {
		t.Fatalf("erased person = %+v", got.Person)
	}
	hist, err := a.History(ctx, x.ID)
	must(t, "History", err)
	if len(hist) == 0 || hist[0].Action != data.HistoryErasure || len(hist[0].Changes) != 0 {
		t.Fatalf("the history's latest entry = %+v, want the erasure, with no value", hist)
	}
	if _, err := a.SavePerson(ctx, got.Person); data.ErrorCode(err) != data.EInvalid {
		t.Fatalf("saving an erased person again = %v, want refused", err)
	}

	// C, not knowing yet, edits the person after the erasure: its version is later, and loses.
	pc, err := c.Person(ctx, x.ID)
	must(t, "Person c", err)
	pc.Phone = "333 100 0003"
	_, err = c.SavePerson(ctx, pc.Person)
	must(t, "SavePerson c", err)
	exchange(t, c, a, bundle.ExportOptions{})
	exchange(t, b, c, bundle.ExportOptions{})
	exchange(t, a, b, bundle.ExportOptions{})
	exchange(t, a, c, bundle.ExportOptions{})
	exchange(t, c, b, bundle.ExportOptions{})
	exchange(t, b, a, bundle.ExportOptions{})

	var rows []map[string]any
	for name, s := range map[string]*Store{"a": a, "b": b, "c": c} {
		if l := leaks(fileBytes(t, paths[name]), vals); len(l) > 0 {
			t.Errorf("laptop %s's file holds %q, in %v", name, l, whereIs(t, s, l))
		}
		if l := leaks(dumpAll(t, s), vals); len(l) > 0 {
			t.Errorf("laptop %s's bundle of everything holds %q", name, l)
		}
		p, err := s.Person(ctx, x.ID)
		must(t, "Person "+name, err)
		if !p.Erased() {
			t.Errorf("laptop %s: the person is not erased: %+v", name, p.Person)
		}
		var row map[string]any
		j, _ := json.Marshal(p.Person)
		must(t, "Unmarshal", json.Unmarshal(j, &row))
		delete(row, "updated") // compared below, with the device
		rows = append(rows, row)
		if st := storedMeta(t, s, data.KindPerson, x.ID); st.device != "device-a" {
			t.Errorf("laptop %s holds the erased person as a version of %s, want A's", name, st.device)
		}
	}
	for _, r := range rows[1:] {
		if j1, j2 := mustJSON(t, rows[0]), mustJSON(t, r); j1 != j2 {
			t.Errorf("laptops disagree on the erased person:\n%s\n%s", j1, j2)
		}
	}
	after := verbali(a)
	for id, pdf := range before {
		if !bytes.Equal(after[id], pdf) {
			t.Errorf("approved verbale %s changed with the erasure", id)
		}
	}
}

func mustJSON(t *testing.T, v any) string {
	t.Helper()
	j, err := json.Marshal(v)
	must(t, "Marshal", err)
	return string(j)
}

// A person nobody ever seated or checked in becomes the placeholder; the one with a trace, initials.
// The preview lists the approved verbali that keep the name, and an erased person matches no import.
func TestErasurePreviewAndPlaceholder(t *testing.T) {
	ctx := context.Background()
	s := openTest(t)
	seedDemo(t, s, 1)
	x := tracedPerson(t, s)
	pre, err := s.ErasurePreview(ctx, x.ID)
	must(t, "ErasurePreview", err)
	if !pre.Traced || len(pre.Approved) == 0 || pre.Person.ID != x.ID {
		t.Fatalf("preview = %+v", pre)
	}
	for _, l := range pre.Approved {
		if !strings.Contains(l, " del") && !strings.Contains(l, " dell'") {
			t.Errorf("approved session label %q has no date", l)
		}
	}
	lone, err := s.SavePerson(ctx, data.Person{Surname: "Solitario", Name: "Ugo", Category: data.CatCittadino,
		Email: "ugo.solitario@example.org", Phone: "075 123 4567"})
	must(t, "SavePerson", err)
	_, err = s.Delete(ctx, data.Ref{Kind: data.KindPerson, ID: lone.ID})
	must(t, "Delete", err)
	res, err := s.ErasePerson(ctx, lone.ID) // removed from the register: erasable all the same
	must(t, "ErasePerson", err)
	if res.People != 1 || res.Approved != 0 {
		t.Fatalf("erasure = %+v", res)
	}
	var surname, name, email string
	must(t, "row", s.db.QueryRow(`SELECT surname, name, email FROM people WHERE id = ?`, lone.ID).Scan(&surname, &name, &email))
	if surname != data.ErasedPlaceholder || name != "" || email != "" {
		t.Fatalf("erased, untraced person = %q %q %q", surname, name, email)
	}
	again, err := s.ErasePerson(ctx, lone.ID)
	must(t, "ErasePerson again", err)
	if again.People != 0 {
		t.Fatalf("erasing twice = %+v, want nothing done", again)
	}
	if _, err := s.ErasePerson(ctx, "no-such-person"); data.ErrorCode(err) != data.ENotFound {
		t.Fatalf("erasing nobody = %v, want not found", err)
	}
}

// whereIs names the table and column of every row whose text holds one of vals, to say where a leak is.
func whereIs(t *testing.T, s *Store, vals []string) []string {
	t.Helper()
	var tables []string
	rows, err := s.db.Query(`SELECT name FROM sqlite_master WHERE type = 'table'`)
	must(t, "tables", err)
	for rows.Next() {
		var n string
		must(t, "Scan", rows.Scan(&n))
		tables = append(tables, n)
	}
	rows.Close()
	var out []string
	for _, table := range tables {
		cols, err := columnsOf(context.Background(), s.db, table)
		must(t, "columnsOf", err)
		for _, c := range cols.names {
			for _, v := range vals {
				var n int
				if s.db.QueryRow(`SELECT count(*) FROM "`+table+`" WHERE CAST("`+c+`" AS TEXT) LIKE '%' || ? || '%'`, v).Scan(&n) == nil && n > 0 {
					out = append(out, table+"."+c)
				}
			}
		}
	}
	return out
}

// Someone registered long ago who took part in nothing is a candidate for the retention rule; someone
// who attended is not, nor someone changed recently, nor anyone once erased. The term is the Ambito's.
func TestRetentionCandidates(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	clock := &testClock{t: time.Date(2024, 1, 10, 9, 0, 0, 0, time.UTC)}
	s := openAt(t, filepath.Join(dir, "r.db"), Options{Verbale: testVerbale, Device: "device-r", Now: clock.Now, NewID: testIDs()})
	seedDemo(t, s, 1)
	old, err := s.SavePerson(ctx, data.Person{Surname: "Dimenticati", Name: "Aldo", Category: data.CatCittadino,
		Email: "aldo.dimenticati@example.org"})
	must(t, "SavePerson", err)
	gone, err := s.SavePerson(ctx, data.Person{Surname: "Andati", Name: "Bice", Category: data.CatAltro})
	must(t, "SavePerson", err)
	_, err = s.Delete(ctx, data.Ref{Kind: data.KindPerson, ID: gone.ID})
	must(t, "Delete", err)
	clock.mu.Lock()
	clock.t = time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC) // 25 months on
	clock.mu.Unlock()
	recent, err := s.SavePerson(ctx, data.Person{Surname: "Recenti", Name: "Carla", Category: data.CatAltro,
		Email: "carla.recenti@example.org"})
	must(t, "SavePerson", err)

	ids := func() map[string]bool {
		c, err := s.RetentionCandidates(ctx)
		must(t, "RetentionCandidates", err)
		out := map[string]bool{}
		for _, x := range c {
			out[x.Person.ID] = true
			if x.LastChange.IsZero() {
				t.Errorf("candidate %s without the date of its last change", x.Person.FullName())
			}
		}
		return out
	}
	got := ids()
	if !got[old.ID] || !got[gone.ID] || got[recent.ID] {
		t.Fatalf("candidates %v: want Dimenticati and Andati (removed, data still held), not Recenti", got)
	}
	x := tracedPerson(t, s)
	if got[x.ID] {
		t.Fatalf("%s attended sessions and is a candidate", x.FullName())
	}
	// A longer term keeps them all.
	a, err := s.Ambito(ctx)
	must(t, "Ambito", err)
	a.Privacy.RetentionMonths = 36
	_, err = s.SaveAmbito(ctx, a)
	must(t, "SaveAmbito", err)
	if got := ids(); len(got) != 0 {
		t.Fatalf("with a 36-month term, candidates %v", got)
	}
	a, err = s.Ambito(ctx)
	must(t, "Ambito", err)
	a.Privacy.RetentionMonths = 12
	_, err = s.SaveAmbito(ctx, a)
	must(t, "SaveAmbito", err)
	res, err := s.ErasePeople(ctx, []string{old.ID, gone.ID})
	must(t, "ErasePeople", err)
	if res.People != 2 {
		t.Fatalf("erasure %+v", res)
	}
	if got := ids(); len(got) != 0 {
		t.Fatalf("after the erasure, candidates %v", got)
	}
	a.Privacy.RetentionMonths = data.MaxRetentionMonths + 1
	_, err = s.SaveAmbito(ctx, a)
	wantErr(t, "SaveAmbito", err, data.EInvalid, "err.privacy.retention")
}

// What is held on a person gathers their record, places, sessions, proposals and actions.
func TestPersonRecord(t *testing.T) {
	ctx := context.Background()
	s := openTest(t)
	seedDemo(t, s, 1)
	x := tracedPerson(t, s)
	r, err := s.PersonRecord(ctx, x.ID)
	must(t, "PersonRecord", err)
	if r.Person.Email != x.Email || len(r.Sessions) == 0 || r.Ambito.Name == "" || r.Capofila == "" || r.At.IsZero() {
		t.Fatalf("record = %+v", r)
	}
	var attended int
	must(t, "count", s.db.QueryRow(`SELECT count(*) FROM attendance WHERE person_id = ? AND deleted = 0`, x.ID).Scan(&attended))
	if len(r.Sessions) != attended {
		t.Errorf("%d sessions in the record, %d attendances held", len(r.Sessions), attended)
	}
	if _, err := s.PersonRecord(ctx, "nobody"); data.ErrorCode(err) != data.ENotFound {
		t.Fatalf("record of nobody = %v", err)
	}
}

// An action item given to an erased person names them by their erased name, on this laptop and on one
// that sends the item unchanged after the erasure.
func TestErasureRenamesActions(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	day := time.Date(2027, 3, 12, 15, 0, 0, 0, time.UTC)
	a := openAt(t, filepath.Join(dir, "a.db"), replicaOptions("device-a", day))
	seedDemo(t, a, 1)
	b := openAt(t, filepath.Join(dir, "b.db"), replicaOptions("device-b", day.Add(time.Hour)))
	exchange(t, a, b, bundle.ExportOptions{})
	var id, who, person string
	err := a.db.QueryRow(`SELECT a.id, a.who, a.person_id FROM action_items a WHERE a.person_id IS NOT NULL AND a.who <> ''
		AND a.deleted = 0 LIMIT 1`).Scan(&id, &who, &person)
	if err != nil {
		t.Fatalf("the demo has no action item given to a person: %v", err)
	}
	_, err = a.ErasePerson(ctx, person)
	must(t, "ErasePerson", err)
	p, err := a.Person(ctx, person)
	must(t, "Person", err)
	exchange(t, b, a, bundle.ExportOptions{Everything: true}) // B's copy of the item, as it was
	exchange(t, a, b, bundle.ExportOptions{})
	for name, s := range map[string]*Store{"a": a, "b": b} {
		var got string
		must(t, "who", s.db.QueryRow(`SELECT who FROM action_items WHERE id = ?`, id).Scan(&got))
		if got != p.FullName() {
			t.Errorf("laptop %s: the action is given to %q, want %q (was %q)", name, got, p.FullName(), who)
		}
	}
}

// BenchmarkErasePerson erases one person of the demo at scale 100 (6,000 people): the file is rewritten
// each time, which is most of the cost.
func BenchmarkErasePerson(b *testing.B) {
	ctx := context.Background()
	s := openAt(b, filepath.Join(b.TempDir(), "big.db"), testOptions())
	seedDemo(b, s, 100)
	people, err := s.People(ctx, data.PeopleFilter{})
	must(b, "People", err)
	if len(people) < b.N {
		b.Fatalf("%d people for %d erasures", len(people), b.N)
	}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, err := s.ErasePerson(ctx, people[i].ID); err != nil {
			b.Fatal(err)
		}
	}
}
