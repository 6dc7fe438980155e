package sqlite

import (
	"context"
	"path/filepath"
	"testing"
	"time"

	"github.com/tavoli/tavoli/data"
	"github.com/tavoli/tavoli/data/bundle"
)

// TestSamePersonOnTwoLaptopsIsOneRecord: the same person and the same organisation are entered on two
// laptops between exchanges, with different details (case, accents, a phone on one side). After the
// exchange each laptop holds one person and one organisation, the record created first, with the
// details of both; the preview said so; the laptops agree byte for byte.
func TestSamePersonOnTwoLaptopsIsOneRecord(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	day := time.Date(2027, 3, 12, 15, 0, 0, 0, time.UTC)
	a := openAt(t, filepath.Join(dir, "a.db"), replicaOptions("device-a", day))
	seedDemo(t, a, 1)
	b := openAt(t, filepath.Join(dir, "b.db"), replicaOptions("device-b", day.Add(time.Minute)))
	exchange(t, a, b, bundle.ExportOptions{})
	before, err := a.Participation(ctx)
	must(t, "Participation", err)

	oa, err := a.SaveOrganisation(ctx, data.Organisation{Name: "Associazione Il Faro", Category: data.CatAssociazione})
	must(t, "SaveOrganisation A", err)
	ob, err := b.SaveOrganisation(ctx, data.Organisation{Name: "associazione il  faro", Category: data.CatAssociazione,
		Phone: "075 123456"})
	must(t, "SaveOrganisation B", err)
	pa, err := a.SavePerson(ctx, data.Person{Surname: "Bianconi", Name: "Niccolò", Email: "n.bianconi@example.it",
		Category: data.CatCittadino, OrganisationID: oa.ID})
	must(t, "SavePerson A", err)
	pb, err := b.SavePerson(ctx, data.Person{Surname: "BIANCONI", Name: "Niccolo", Email: "n.bianconi@example.it",
		Category: data.CatCittadino, Phone: "333 1234567", OrganisationID: ob.ID})
	must(t, "SavePerson B", err)

	// The record created first stands, whichever laptop made it.
	sp, lp := pa, pb
	if pb.Created.Before(pa.Created) || pb.Created.Equal(pa.Created) && pb.ID < pa.ID {
		sp, lp = pb, pa
	}
	so := oa
	if ob.Created.Before(oa.Created) || ob.Created.Equal(oa.Created) && ob.ID < oa.ID {
		so = ob
	}

	preview := previewFrom(t, b, a)
	if len(preview.Joined) != 2 {
		t.Fatalf("preview of B on A joins %+v, want the organisation and the person", preview.Joined)
	}
	exchange(t, b, a, bundle.ExportOptions{})
	exchange(t, a, b, bundle.ExportOptions{})
	exchange(t, b, a, bundle.ExportOptions{})
	for name, s := range map[string]*Store{"A": a, "B": b} {
		people, err := s.People(ctx, data.PeopleFilter{Query: "bianconi"})
		must(t, "People", err)
		if len(people) != 1 || people[0].ID != sp.ID || people[0].Phone != "333 1234567" || people[0].OrganisationID != so.ID {
			t.Errorf("%s: people named Bianconi = %+v, want one, the record created first, with B's phone and the "+
				"organisation that stands", name, people)
		}
		orgs, err := s.Organisations(ctx, "faro")
		must(t, "Organisations", err)
		if len(orgs) != 1 || orgs[0].ID != so.ID || orgs[0].Phone != "075 123456" || orgs[0].People != 1 {
			t.Errorf("%s: organisations named Il Faro = %+v, want one with B's phone and one person", name, orgs)
		}
		if n := rowCount(t, s, "people", "alias_of = ? AND id = ? AND deleted = 1", sp.ID, lp.ID); n != 1 {
			t.Errorf("%s: the person created later is not kept as an alias of the other", name)
		}
	}
	if da, db := dumpOf(t, a), dumpOf(t, b); da != db {
		t.Fatalf("the laptops disagree after joining: %s", firstDiff(da, db))
	}
	after, err := a.Participation(ctx)
	must(t, "Participation", err)
	if after.People != before.People {
		t.Errorf("participation counts %d people after the join, %d before", after.People, before.People)
	}
}

// TestJoinByHandAndUndo joins two demo people who both took part in meetings: everything that
// pointed to the one joined points to the other, but the registers of approved sessions; the
// participation figures count them once; undoing the join gives everything back.
func TestJoinByHandAndUndo(t *testing.T) {
	ctx := context.Background()
	s := openTest(t)
	seedDemo(t, s, 1)
	before, err := s.Participation(ctx)
	must(t, "Participation", err)
	// Two people present at the same session, still open to changes (closed, not approved), one of
	// them with memberships: joined, the session would count one person present twice.
	var loser, survivor, session string
	err = s.db.QueryRow(`SELECT a.person_id, b.person_id, a.session_id FROM attendance a
		JOIN attendance b ON b.session_id = a.session_id AND b.person_id <> a.person_id AND b.deleted = 0 AND b.presence = 'presente'
		JOIN sessions x ON x.id = a.session_id AND x.status = 'chiusa'
		WHERE a.deleted = 0 AND a.presence = 'presente'
			AND EXISTS (SELECT 1 FROM memberships m WHERE m.person_id = a.person_id AND m.deleted = 0)
		ORDER BY a.person_id, b.person_id LIMIT 1`).Scan(&loser, &survivor, &session)
	must(t, "two people at one open session", err)
	present := func(id string) int {
		return rowCount(t, s, "attendance", "session_id = ? AND person_id = ? AND deleted = 0", session, id)
	}
	memberships := rowCount(t, s, "memberships", "person_id = ? AND deleted = 0", loser)
	j, err := s.Join(ctx, data.KindPerson, loser, survivor)
	must(t, "Join", err)
	if len(j.Moved) == 0 || rowCount(t, s, "memberships", "person_id = ? AND deleted = 0", loser) != 0 ||
		rowCount(t, s, "people", "id = ? AND deleted = 1 AND alias_of = ?", loser, survivor) != 1 {
		t.Fatalf("Join moved %v; memberships left on the alias %d", j.Moved,
			rowCount(t, s, "memberships", "person_id = ? AND deleted = 0", loser))
	}
	if present(survivor) != 1 || present(loser) != 0 {
		t.Errorf("after the join the session has %d presences of the person that stands and %d of the alias, want 1 and 0",
			present(survivor), present(loser))
	}
	joined, err := s.Participation(ctx)
	must(t, "Participation", err)
	if joined.People != before.People-1 {
		t.Errorf("participation after the join = %d people, want %d (the two counted once)", joined.People, before.People-1)
	}
	must(t, "Unjoin", s.Unjoin(ctx, j))
	if got := rowCount(t, s, "memberships", "person_id = ? AND deleted = 0", loser); got != memberships {
		t.Errorf("memberships back on the person after the undo = %d, want %d", got, memberships)
	}
	if present(survivor) != 1 || present(loser) != 1 {
		t.Errorf("after the undo the session has %d and %d presences, want each person's back", present(survivor), present(loser))
	}
	undone, err := s.Participation(ctx)
	must(t, "Participation", err)
	if undone.People != before.People || rowCount(t, s, "people", "id = ? AND deleted = 0 AND alias_of = ''", loser) != 1 {
		t.Errorf("after the undo: %d people counted (want %d), the person live %d", undone.People, before.People,
			rowCount(t, s, "people", "id = ? AND deleted = 0", loser))
	}
	_, err = s.Join(ctx, data.KindPerson, loser, loser)
	wantErr(t, "Join(same)", err, data.EInvalid, "err.join.same")
	_, err = s.Join(ctx, data.KindSession, loser, survivor)
	wantErr(t, "Join(session)", err, data.EInvalid, "err.join.kind")
}

// TestRecordNamingAnAliasFollowsIt: a third laptop got the twin that will lose before the join, and
// makes it a member of a body; when that membership reaches a laptop where the twins are joined, it
// follows the person that stands, and the body lists them once.
func TestRecordNamingAnAliasFollowsIt(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	day := time.Date(2027, 3, 12, 15, 0, 0, 0, time.UTC)
	a := openAt(t, filepath.Join(dir, "a.db"), replicaOptions("device-a", day))
	seedDemo(t, a, 1)
	b := openAt(t, filepath.Join(dir, "b.db"), replicaOptions("device-b", day.Add(time.Minute)))
	c := openAt(t, filepath.Join(dir, "c.db"), replicaOptions("device-c", day.Add(2*time.Minute)))
	exchange(t, a, b, bundle.ExportOptions{Everything: true})
	exchange(t, a, c, bundle.ExportOptions{Everything: true})
	first, err := a.SavePerson(ctx, data.Person{Surname: "Ceccarelli", Name: "Ilaria", Email: "ilaria@example.it",
		Category: data.CatCittadino})
	must(t, "SavePerson A", err)
	second, err := b.SavePerson(ctx, data.Person{Surname: "Ceccarelli", Name: "Ilaria", Email: "ilaria@example.it",
		Category: data.CatCittadino})
	must(t, "SavePerson B", err)
	// The record created later loses; the laptop that made it hands it to C first.
	loser, survivor, maker := second, first, b
	if second.Created.Before(first.Created) {
		loser, survivor, maker = first, second, a
	}
	exchange(t, maker, c, bundle.ExportOptions{Everything: true})
	bodies, err := c.Bodies(ctx)
	must(t, "Bodies", err)
	m, err := c.SaveMembership(ctx, data.Membership{BodyID: bodies[0].ID, PersonID: loser.ID, Role: data.RoleMembro})
	must(t, "SaveMembership C", err)
	// A and B meet and join the twins; then C's membership reaches A.
	exchange(t, a, b, bundle.ExportOptions{Everything: true})
	exchange(t, b, a, bundle.ExportOptions{Everything: true})
	exchange(t, c, a, bundle.ExportOptions{Everything: true})
	var person string
	err = a.db.QueryRow(`SELECT person_id FROM memberships WHERE id = ?`, m.ID).Scan(&person)
	must(t, "membership", err)
	if person != survivor.ID {
		t.Errorf("C's membership names %s on A, want the person that stands %s (not the alias %s)", person, survivor.ID, loser.ID)
	}
	ms, err := a.Memberships(ctx, bodies[0].ID)
	must(t, "Memberships", err)
	n := 0
	for _, x := range ms {
		if x.PersonID == survivor.ID || x.PersonID == loser.ID {
			n++
		}
	}
	if n != 1 {
		t.Errorf("the body lists Ilaria Ceccarelli %d times, want once", n)
	}
	// Every laptop ends with the same single record.
	for range 2 {
		for _, p := range [][2]*Store{{a, b}, {a, c}, {b, a}, {c, a}, {b, c}, {c, b}} {
			exchange(t, p[0], p[1], bundle.ExportOptions{Everything: true})
		}
	}
	if da, dc := dumpOf(t, a), dumpOf(t, c); da != dc {
		t.Fatalf("A and C disagree: %s", firstDiff(da, dc))
	}
	if da, db := dumpOf(t, a), dumpOf(t, b); da != db {
		t.Fatalf("A and B disagree: %s", firstDiff(da, db))
	}
}
