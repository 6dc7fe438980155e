package sqlite

import (
	"context"
	"fmt"
	"path/filepath"
	"testing"

	"github.com/tavoli/tavoli/data"
	"github.com/tavoli/tavoli/data/bundle"
)

// TestTitleGenderAndActRoundTrip stores a mayor's title and gender and a delegation's act, reads them
// back from the file (people, register, dossier), and carries them to another laptop in a bundle.
func TestTitleGenderAndActRoundTrip(t *testing.T) {
	m := newMeeting(t)
	bellucci, err := m.s.SavePerson(m.ctx, data.Person{Surname: "Bellucci", Name: "Federica", Category: data.CatComune,
		ComuneID: m.magione.ID, Title: "  Sindaca ", Gender: data.GenderFemminile})
	must(t, "SavePerson(Bellucci)", err)
	if bellucci.Title != "Sindaca" {
		t.Errorf("SavePerson(title %q).Title = %q, want it trimmed", "  Sindaca ", bellucci.Title)
	}
	_, err = m.s.SaveMembership(m.ctx, data.Membership{BodyID: m.sindaci.ID, PersonID: bellucci.ID,
		Role: data.RoleMembro, SeatID: m.seatMag.ID})
	must(t, "SaveMembership(Bellucci)", err)
	_, err = m.s.SavePerson(m.ctx, data.Person{Surname: "Bellucci", Category: data.CatComune, Gender: "x"})
	wantErr(t, "SavePerson(gender x)", err, data.EInvalid, "err.person.gender")

	sess, err := m.s.SaveSession(m.ctx, data.Session{BodyID: m.sindaci.ID, Call: data.CallPrima,
		Date: meetDay(4, 2, 10, 0), PresidentID: bellucci.ID, SecretaryID: m.rossi.ID})
	must(t, "SaveSession", err)
	const act = "delega prot. n. 123 del 10/02/2026"
	verdi := m.checkIn(t, data.Attendance{SessionID: sess.ID, PersonID: m.verdi.ID, SeatID: m.seatMag.ID,
		Delegated: true, DelegationAct: " delega prot. n. 123  del 10/02/2026 "})
	if verdi.DelegationAct != act {
		t.Errorf("SaveAttendance().DelegationAct = %q, want %q", verdi.DelegationAct, act)
	}
	_, err = m.s.SaveAttendance(m.ctx, data.Attendance{SessionID: sess.ID, PersonID: m.neri.ID,
		Presence: data.PresencePresente, DelegationAct: act})
	wantErr(t, "SaveAttendance(act without delegation)", err, data.EInvalid, "err.register.act_without_delegation")

	check := func(t *testing.T, s *Store, where string) {
		t.Helper()
		p, err := s.Person(m.ctx, bellucci.ID)
		must(t, where+" Person", err)
		if p.Title != "Sindaca" || p.Gender != data.GenderFemminile {
			t.Errorf("%s: Person(Bellucci) title, gender = %q, %q, want Sindaca, f", where, p.Title, p.Gender)
		}
		lines, err := s.Register(m.ctx, sess.ID)
		must(t, where+" Register", err)
		l := lineOf(t, lines, verdi.ID)
		if l.DelegationAct != act || l.SeatComune != "Magione" || l.Naming.Prose() != "Paolo Verdi" {
			t.Errorf("%s: register line of Verdi = act %q, comune %q, prose %q, want %q, Magione, Paolo Verdi",
				where, l.DelegationAct, l.SeatComune, l.Naming.Prose(), act)
		}
		if l.Delegator == nil || l.Delegator.Prose() != "Federica Bellucci" || l.Delegator.Title != "Sindaca" ||
			!l.Delegator.Gender.Feminine() {
			t.Errorf("%s: Verdi's delegator = %+v, want Federica Bellucci, Sindaca, f", where, l.Delegator)
		}
		d, err := s.Dossier(m.ctx, sess.ID)
		must(t, where+" Dossier", err)
		if d.PresidentName != "Federica Bellucci" || !d.President.Gender.Feminine() || d.President.Title != "Sindaca" {
			t.Errorf("%s: Dossier president = %q %+v, want Federica Bellucci, f, Sindaca", where, d.PresidentName, d.President)
		}
	}
	check(t, m.s, "stored")

	// Reopened from the file.
	must(t, "Close", m.s.Close())
	reopened := openAt(t, m.path, meetOptions(m.clock))
	check(t, reopened, "reopened")

	// Carried in a bundle to a laptop that has never seen them.
	other := openAt(t, filepath.Join(t.TempDir(), "other.db"), replicaOptions("device-other", meetDay(4, 3, 9, 0)))
	res, _ := exchange(t, reopened, other, bundle.ExportOptions{})
	if res.Total().Conflicts != 0 {
		t.Errorf("exchange: %+v, want no conflicts", res.Total())
	}
	check(t, other, "other laptop")

	// A change to the title alone travels too.
	p, err := other.Person(m.ctx, bellucci.ID)
	must(t, "Person", err)
	p.Title, p.Gender = "Sindaco", data.GenderMaschile
	_, err = other.SavePerson(m.ctx, p.Person)
	must(t, "SavePerson(other)", err)
	exchange(t, other, reopened, bundle.ExportOptions{})
	back, err := reopened.Person(m.ctx, bellucci.ID)
	must(t, "Person(back)", err)
	if back.Title != "Sindaco" || back.Gender != data.GenderMaschile {
		t.Errorf("after the edit travelled back: title, gender = %q, %q, want Sindaco, m", back.Title, back.Gender)
	}
}

// A database whose migrations are all recorded but whose stamp is lower (it ran 0008 before 0007
// existed) is stamped current when opened, so that read-only opens do not refuse it as older.
func TestOpenStampsOutOfOrderMigrations(t *testing.T) {
	path := filepath.Join(t.TempDir(), "tavoli.db")
	s := openAt(t, path, testOptions())
	must(t, "Close", s.Close())
	rawExec(t, path, fmt.Sprintf(`PRAGMA user_version = %d`, SchemaVersion()-1))
	if h := readHeader(t, path); int(h.userVersion) != SchemaVersion()-1 {
		t.Fatalf("user_version after the rewrite = %d, want %d", h.userVersion, SchemaVersion()-1)
	}
	s = openAt(t, path, testOptions())
	must(t, "Close", s.Close())
	if h := readHeader(t, path); int(h.userVersion) != SchemaVersion() {
		t.Errorf("user_version after opening = %d, want %d", h.userVersion, SchemaVersion())
	}
}

// A title is searched like a name: "sindaca" finds the mayors who are styled so.
func TestPeopleSearchTitle(t *testing.T) {
	r := newRegistry(t)
	ctx := context.Background()
	_, err := r.s.SavePerson(ctx, data.Person{Surname: "Bellucci", Name: "Federica", Category: data.CatComune,
		Title: "Sindaca", Gender: data.GenderFemminile})
	must(t, "SavePerson", err)
	got, err := r.s.People(ctx, data.PeopleFilter{Query: "SINDACA"})
	must(t, "People", err)
	if len(got) != 1 || got[0].Surname != "Bellucci" {
		t.Errorf("People(sindaca) = %+v, want Bellucci Federica", got)
	}
}
