package sqlite

import (
	"bytes"
	"context"
	"path/filepath"
	"testing"
	"time"

	"github.com/tavoli/tavoli/data"
	"github.com/tavoli/tavoli/data/bundle"
)

// cascadePerson finds a demo person whose deletion takes seats or memberships with it (the first in
// the registry's order), and returns
// them with what would go.
func cascadePerson(t *testing.T, s *Store) (data.Person, []data.Ref) {
	t.Helper()
	ctx := context.Background()
	people, err := s.People(ctx, data.PeopleFilter{})
	must(t, "People", err)
	for _, p := range people {
		deps, err := s.Dependents(ctx, data.Ref{Kind: data.KindPerson, ID: p.ID})
		if err == nil && len(deps) > 0 {
			return p.Person, deps
		}
	}
	t.Fatal("no demo person may be deleted with seats or memberships")
	return data.Person{}, nil
}

// live counts the refs that are live in s.
func live(t *testing.T, s *Store, refs []data.Ref) int {
	t.Helper()
	n := 0
	for _, r := range refs {
		n += rowCount(t, s, tables[r.Kind], "id = ? AND deleted = 0", r.ID)
	}
	return n
}

// TestDeletionCascadeComesBackWithItsRecord: laptop B deletes a person, with the seats and memberships
// that go with them; laptop A edits the person later, without knowing. The edit wins, and on both
// laptops the person comes back with every seat and membership, the preview saying so; the laptops
// then agree byte for byte.
func TestDeletionCascadeComesBackWithItsRecord(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	day := time.Date(2027, 3, 12, 15, 0, 0, 0, time.UTC)
	a := openAt(t, filepath.Join(dir, "a.db"), replicaOptions("device-a", day))
	seedDemo(t, a, 1)
	b := openAt(t, filepath.Join(dir, "b.db"), replicaOptions("device-b", day.Add(time.Hour)))
	exchange(t, a, b, bundle.ExportOptions{})
	p, deps := cascadePerson(t, b)

	removed, err := b.Delete(ctx, data.Ref{Kind: data.KindPerson, ID: p.ID})
	must(t, "Delete", err)
	if len(removed) != len(deps)+1 || live(t, b, deps) != 0 {
		t.Fatalf("Delete removed %d, %d of %d dependents still live", len(removed), live(t, b, deps), len(deps))
	}
	// A edits the person later than B deleted them: the edit wins.
	a.now = func() time.Time { return day.Add(3 * time.Hour) }
	pa := p
	pa.Phone = "075 000111"
	_, err = a.SavePerson(ctx, pa)
	must(t, "SavePerson", err)

	// B receives the edit: the person comes back, and with them what their deletion removed; the
	// preview says so before anything is written.
	preview := previewFrom(t, a, b)
	if len(preview.Revived) != len(deps) {
		t.Errorf("preview revives %v, want the %d records deleted with the person", preview.Revived, len(deps))
	}
	res, _ := exchange(t, a, b, bundle.ExportOptions{})
	if len(res.Revived) != len(deps) || live(t, b, deps) != len(deps) {
		t.Fatalf("B after the edit: revived %v, %d of %d dependents live", res.Revived, live(t, b, deps), len(deps))
	}
	// A receives B's deletion, which lost: the person stays, so does everything that went with them.
	exchange(t, b, a, bundle.ExportOptions{})
	if live(t, a, deps) != len(deps) || rowCount(t, a, "people", "id = ? AND deleted = 0", p.ID) != 1 {
		t.Fatalf("A after B's deletion: person live %d, %d of %d dependents live",
			rowCount(t, a, "people", "id = ? AND deleted = 0", p.ID), live(t, a, deps), len(deps))
	}
	for range 2 {
		exchange(t, a, b, bundle.ExportOptions{})
		exchange(t, b, a, bundle.ExportOptions{})
	}
	if da, db := dumpOf(t, a), dumpOf(t, b); da != db {
		t.Fatalf("the laptops disagree after the cascade came back: %s", firstDiff(da, db))
	}

	// Under Conflitti the deletion that lost says what restoring it would delete; restoring it deletes
	// the person with all of it again, and the other laptop follows.
	versions, err := a.Versions(ctx, false)
	must(t, "Versions", err)
	var del data.RecordVersion
	for _, v := range versions {
		if v.RecordID == p.ID && v.IsDeletion() {
			del = v
		}
	}
	if del.ID == "" || len(del.Cascade) != len(deps) {
		t.Fatalf("Versions() = %+v, want the person's deletion with its %d dependents", versions, len(deps))
	}
	must(t, "RestoreVersion", a.RestoreVersion(ctx, del.ID))
	exchange(t, a, b, bundle.ExportOptions{})
	for _, s := range []*Store{a, b} {
		if live(t, s, deps) != 0 || rowCount(t, s, "people", "id = ? AND deleted = 0", p.ID) != 0 {
			t.Errorf("after restoring the deletion: person live %d, %d of %d dependents live",
				rowCount(t, s, "people", "id = ? AND deleted = 0", p.ID), live(t, s, deps), len(deps))
		}
	}
	exchange(t, b, a, bundle.ExportOptions{})
	if da, db := dumpOf(t, a), dumpOf(t, b); da != db {
		t.Fatalf("the laptops disagree after the deletion was restored: %s", firstDiff(da, db))
	}
}

// previewFrom previews a bundle of everything new from one laptop on another.
func previewFrom(t *testing.T, from, to *Store) data.ImportResult {
	t.Helper()
	ctx := context.Background()
	var buf bytes.Buffer
	_, err := from.writeBundle(ctx, &buf, bundle.ExportOptions{NoEncryption: true})
	must(t, "writeBundle", err)
	in, err := ReadBundle(&buf, "")
	must(t, "ReadBundle", err)
	res, err := to.MergeBundle(ctx, in, bundle.ImportOptions{DryRun: true})
	must(t, "MergeBundle dry run", err)
	return res
}

// TestTwoSettlementsOfOneConflictAreAConflict: the same conflict is settled on two laptops, restored
// on one and dismissed on the other. Neither outcome may stand (the data holds the restored version,
// the dismissal says the other stays): on both laptops the version goes back to review as disputed,
// the preview counts it as a conflict, the record keeps the version the exchanges made current, and
// the laptops agree byte for byte.
func TestTwoSettlementsOfOneConflictAreAConflict(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	day := time.Date(2027, 3, 12, 15, 0, 0, 0, time.UTC)
	a := openAt(t, filepath.Join(dir, "a.db"), replicaOptions("device-a", day))
	seedDemo(t, a, 1)
	b := openAt(t, filepath.Join(dir, "b.db"), replicaOptions("device-b", day.Add(time.Hour)))
	exchange(t, a, b, bundle.ExportOptions{})
	people, err := a.People(ctx, data.PeopleFilter{})
	must(t, "People", err)
	p := people[0].Person
	for i, s := range []*Store{a, b} {
		pv, err := s.Person(ctx, p.ID)
		must(t, "Person", err)
		x := pv.Person
		x.Phone = []string{"075 111", "075 222"}[i]
		_, err = s.SavePerson(ctx, x)
		must(t, "SavePerson", err)
	}
	exchange(t, a, b, bundle.ExportOptions{})
	exchange(t, b, a, bundle.ExportOptions{})
	// Both laptops hold B's phone and keep A's aside.
	aside := func(s *Store) data.RecordVersion {
		vs, err := s.Versions(ctx, false)
		must(t, "Versions", err)
		if len(vs) != 1 || vs[0].Row["phone"] != "075 111" {
			t.Fatalf("Versions() = %+v, want A's phone aside", vs)
		}
		return vs[0]
	}
	va, vb := aside(a), aside(b)
	must(t, "RestoreVersion on A", a.RestoreVersion(ctx, va.ID))
	b.now = func() time.Time { return day.Add(5 * time.Hour) } // B's dismissal is the later review
	must(t, "DismissVersion on B", b.DismissVersion(ctx, vb.ID))

	preview := previewFrom(t, a, b)
	var rv data.KindChanges
	for _, k := range preview.Kinds {
		if k.Kind == data.KindRecordVersion {
			rv = k
		}
	}
	if rv.Conflicts != 1 {
		t.Errorf("preview of A's restore on B counts record versions %+v, want 1 conflict", rv)
	}
	for range 2 {
		exchange(t, a, b, bundle.ExportOptions{})
		exchange(t, b, a, bundle.ExportOptions{})
	}
	for name, s := range map[string]*Store{"A": a, "B": b} {
		v, err := s.Version(ctx, va.ID)
		must(t, "Version", err)
		pv, err := s.Person(ctx, p.ID)
		must(t, "Person", err)
		if v.Resolution != data.VersionDisputed || pv.Phone != "075 111" {
			t.Errorf("%s: version %s, phone %q; want disputed, and the restored phone 075 111", name, v.Resolution, pv.Phone)
		}
		open, err := s.Versions(ctx, false)
		must(t, "Versions", err)
		if len(open) != 1 || open[0].ID != va.ID {
			t.Errorf("%s: to review %+v, want the disputed version", name, open)
		}
	}
	if da, db := dumpOf(t, a), dumpOf(t, b); da != db {
		t.Fatalf("the laptops disagree: %s", firstDiff(da, db))
	}
	// Reviewing it again settles it everywhere.
	must(t, "DismissVersion", a.DismissVersion(ctx, va.ID))
	exchange(t, a, b, bundle.ExportOptions{})
	if v, _ := b.Version(ctx, va.ID); v.Resolution != data.VersionDismissed {
		t.Errorf("after a new review on A, B has %s, want dismissed", v.Resolution)
	}
}
