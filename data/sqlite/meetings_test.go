package sqlite

import (
	"context"
	"database/sql"
	"fmt"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/tavoli/tavoli/data"
)

// meetClock is the clock of the meeting tests: it stands still until the test moves it, so that a
// stamped time (a start, an arrival) is exactly the time the test set.
type meetClock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *meetClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

// add moves the clock on by d and returns the new time.
func (c *meetClock) add(d time.Duration) time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = c.t.Add(d)
	return c.t
}

func (c *meetClock) set(t time.Time) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = t
}

// sessionMissing is the key of the error for a session that does not exist or was deleted.
const sessionMissing = "err.session.missing"

// meetDay is a time of a day of 2027, in UTC as the store keeps it.
func meetDay(month time.Month, day, hour, min int) time.Time {
	return time.Date(2027, month, day, hour, min, 0, 0, time.UTC)
}

// meeting is the registry of registry_test.go with a third mayors' seat, two more people, and a clock
// the test moves. march and april are sessions of the Tavolo tematico Anziani, both in bozza.
type meeting struct {
	*registry
	ctx   context.Context
	clock *meetClock
	path  string

	seatPieve    data.Seat // the mayors' seat of Città della Pieve
	verdi, neri  data.Person
	march, april data.Session
}

func meetOptions(c *meetClock) Options {
	return Options{Verbale: testVerbale, Device: "device-test", Now: c.Now, NewID: testIDs()}
}

func newMeeting(t testing.TB) *meeting {
	t.Helper()
	clock := &meetClock{t: meetDay(3, 1, 9, 0)}
	path := filepath.Join(t.TempDir(), "tavoli.db")
	m := &meeting{ctx: context.Background(), clock: clock, path: path}
	m.registry = newRegistryIn(t, openAt(t, path, meetOptions(clock)))
	var err error
	m.seatPieve, err = m.s.SaveSeat(m.ctx, data.Seat{BodyID: m.sindaci.ID, ComuneID: m.pieve.ID})
	must(t, "SaveSeat(Città della Pieve)", err)
	m.verdi, err = m.s.SavePerson(m.ctx, data.Person{Surname: "Verdi", Name: "Paolo", Category: data.CatComune,
		ComuneID: m.magione.ID})
	must(t, "SavePerson(Verdi)", err)
	m.neri, err = m.s.SavePerson(m.ctx, data.Person{Surname: "Neri", Name: "Luca", Category: data.CatCittadino})
	must(t, "SavePerson(Neri)", err)
	m.march = m.session(t, m.tavolo.ID, meetDay(3, 12, 15, 0))
	m.april = m.session(t, m.tavolo.ID, meetDay(4, 9, 15, 0))
	return m
}

// session saves a new session of body on date, in prima convocazione.
func (m *meeting) session(t testing.TB, bodyID string, date time.Time) data.Session {
	t.Helper()
	s, err := m.s.SaveSession(m.ctx, data.Session{BodyID: bodyID, Call: data.CallPrima, Date: date,
		Place: "Sala consiliare, Comune di Magione", PresidentID: m.bianchi.ID, SecretaryID: m.rossi.ID})
	must(t, "SaveSession", err)
	return s
}

// move takes a session through the statuses given, one SetStatus each.
func (m *meeting) move(t testing.TB, id string, to ...data.SessionStatus) data.Session {
	t.Helper()
	var s data.Session
	for _, st := range to {
		var err error
		s, err = m.s.SetStatus(m.ctx, id, st)
		must(t, fmt.Sprintf("SetStatus(%s)", st), err)
	}
	return s
}

// held takes a session from bozza to chiusa.
func (m *meeting) held(t testing.TB, id string) data.Session {
	t.Helper()
	return m.move(t, id, data.SessionConvocata, data.SessionInCorso, data.SessionChiusa)
}

func (m *meeting) agenda(t testing.TB, sessionID string) []data.AgendaItem {
	t.Helper()
	items, err := m.s.Agenda(m.ctx, sessionID)
	must(t, "Agenda", err)
	return items
}

func (m *meeting) addItem(t testing.TB, sessionID, title string) data.AgendaItem {
	t.Helper()
	it, err := m.s.SaveAgendaItem(m.ctx, data.AgendaItem{SessionID: sessionID, Title: title})
	must(t, "SaveAgendaItem("+title+")", err)
	return it
}

// putAttendance writes a register line straight into the table, past SaveAttendance's register checks:
// for the tests of deletes and locks, which are not about those checks.
func (m *meeting) putAttendance(t testing.TB, a data.Attendance) data.Attendance {
	t.Helper()
	must(t, "put attendance", m.s.write(m.ctx, func(tx *sql.Tx) error {
		return m.s.save(m.ctx, tx, data.KindAttendance, &a.Meta, attendanceCols(a))
	}))
	return a
}

// titles lists the items' positions and titles: "1 Approvazione…|2 Varie ed eventuali".
func titles(items []data.AgendaItem) string {
	var out []string
	for _, it := range items {
		out = append(out, fmt.Sprintf("%d %s", it.Position, it.Title))
	}
	return strings.Join(out, "|")
}

func TestMeetingSaveSessionNew(t *testing.T) {
	m := newMeeting(t)
	m.clock.set(meetDay(3, 2, 10, 0))
	// Status, current item and approval given by the caller are not taken: a session starts in bozza.
	s, err := m.s.SaveSession(m.ctx, data.Session{BodyID: m.sindaci.ID, Call: data.CallSeconda,
		Date: meetDay(3, 20, 17, 30), Place: "  Sala Rossa  ", Status: data.SessionChiusa, CurrentItemID: "x",
		CurrentSince: meetDay(3, 20, 17, 30), ApprovedInID: m.march.ID})
	must(t, "SaveSession(new)", err)
	if s.ID == "" || s.Status != data.SessionBozza || s.CurrentItemID != "" || !s.CurrentSince.IsZero() ||
		s.ApprovedInID != "" || s.Place != "Sala Rossa" || !s.Created.Equal(meetDay(3, 2, 10, 0)) ||
		s.Device != "device-test" {
		t.Errorf("SaveSession(new) = %+v, want a bozza with place trimmed, created now, nothing current", s)
	}
	items := m.agenda(t, s.ID)
	if got, want := titles(items), "1 "+data.DefaultAgenda[0]+"|2 "+data.DefaultAgenda[1]; got != want {
		t.Errorf("Agenda(new session) = %q, want %q", got, want)
	}
	for _, it := range items {
		if it.SessionID != s.ID || it.Spent != 0 || it.Done || it.Notes != "" {
			t.Errorf("Agenda(new session) item = %+v, want a fresh item of %s", it, s.ID)
		}
	}
	v, err := m.s.Session(m.ctx, s.ID)
	must(t, "Session", err)
	if v.BodyName != "Tavolo dei Sindaci" || v.BodyKind != data.BodySindaci || v.Items != 2 || v.Present != 0 ||
		v.Call != data.CallSeconda || !v.Date.Equal(meetDay(3, 20, 17, 30)) || v.AreaName != "" {
		t.Errorf("Session(new) = %+v, want the mayors' session of 20 March, seconda, 2 items", v)
	}
	tv, err := m.s.Session(m.ctx, m.march.ID)
	must(t, "Session(march)", err)
	if tv.AreaID != m.anziani.ID || tv.AreaName != "Anziani" || tv.PresidentID != m.bianchi.ID || tv.SecretaryID != m.rossi.ID {
		t.Errorf("Session(march) = %+v, want area Anziani, Bianchi presiding, Rossi secretary", tv)
	}
}

func TestMeetingSessions(t *testing.T) {
	m := newMeeting(t)
	may := m.session(t, m.sindaci.ID, meetDay(5, 7, 18, 0))
	m.move(t, m.march.ID, data.SessionConvocata)
	tests := []struct {
		f    data.SessionFilter
		want []string
	}{
		{data.SessionFilter{}, []string{may.ID, m.april.ID, m.march.ID}}, // the latest first
		{data.SessionFilter{BodyID: m.tavolo.ID}, []string{m.april.ID, m.march.ID}},
		{data.SessionFilter{Status: data.SessionConvocata}, []string{m.march.ID}},
		{data.SessionFilter{BodyID: m.sindaci.ID, Status: data.SessionBozza}, []string{may.ID}},
		{data.SessionFilter{Status: data.SessionChiusa}, nil},
	}
	for _, tt := range tests {
		t.Run(fmt.Sprintf("%+v", tt.f), func(t *testing.T) {
			list, err := m.s.Sessions(m.ctx, tt.f)
			must(t, "Sessions", err)
			var got []string
			for _, v := range list {
				got = append(got, v.ID)
			}
			if fmt.Sprint(got) != fmt.Sprint(tt.want) {
				t.Errorf("Sessions(%+v) = %v, want %v", tt.f, got, tt.want)
			}
		})
	}
}

func TestMeetingSaveSessionUpdate(t *testing.T) {
	m := newMeeting(t)
	s := m.move(t, m.march.ID, data.SessionConvocata)
	s.Place, s.Call, s.SecretaryID = "Biblioteca comunale, Panicale", data.CallSeconda, m.dangelo.ID
	s.Status, s.ApprovedInID, s.CorrectsID, s.CurrentItemID = data.SessionBozza, m.april.ID, m.april.ID, "x"
	got, err := m.s.SaveSession(m.ctx, s)
	must(t, "SaveSession(update)", err)
	v, err := m.s.Session(m.ctx, s.ID)
	must(t, "Session", err)
	for _, x := range []data.Session{got, v.Session} {
		if x.Status != data.SessionConvocata || x.Place != "Biblioteca comunale, Panicale" || x.Call != data.CallSeconda ||
			x.SecretaryID != m.dangelo.ID || x.ApprovedInID != "" || x.CorrectsID != "" || x.CurrentItemID != "" {
			t.Errorf("SaveSession(update, status bozza) = %+v, want convocata with the new details", x)
		}
	}
	if n := len(m.agenda(t, s.ID)); n != 2 {
		t.Errorf("len(Agenda) after an update = %d, want 2 (no second default agenda)", n)
	}
	// An update from a copy read before someone else's change is refused.
	_, err = m.s.SaveSession(m.ctx, s)
	wantErr(t, "SaveSession(stale copy)", err, data.EChanged, "err.record.changed")
}

func TestMeetingSaveSessionInvalid(t *testing.T) {
	m := newMeeting(t)
	ok := data.Session{BodyID: m.tavolo.ID, Call: data.CallPrima, Date: meetDay(6, 1, 15, 0)}
	with := func(f func(*data.Session)) data.Session { s := ok; f(&s); return s }
	tests := []struct {
		name string
		s    data.Session
		code data.Code
		key  string
	}{
		{"no body", with(func(s *data.Session) { s.BodyID = "" }), data.EInvalid, "err.session.body_required"},
		{"no date", with(func(s *data.Session) { s.Date = time.Time{} }), data.EInvalid, "err.session.date_required"},
		{"no call", with(func(s *data.Session) { s.Call = "" }), data.EInvalid, "err.session.call"},
		{"bad call", with(func(s *data.Session) { s.Call = "terza" }), data.EInvalid, "err.session.call"},
		{"ends before it starts", with(func(s *data.Session) {
			s.Started, s.Ended = meetDay(6, 1, 15, 0), meetDay(6, 1, 14, 0)
		}), data.EInvalid, "err.session.end_before_start"},
		{"unknown body", with(func(s *data.Session) { s.BodyID = "nope" }), data.ENotFound, "err.ref.missing"},
		{"unknown president", with(func(s *data.Session) { s.PresidentID = "nope" }), data.ENotFound, "err.ref.missing"},
		{"unknown secretary", with(func(s *data.Session) { s.SecretaryID = "nope" }), data.ENotFound, "err.ref.missing"},
		{"unknown session", with(func(s *data.Session) { s.ID = "nope" }), data.ENotFound, sessionMissing},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := m.s.SaveSession(m.ctx, tt.s)
			wantErr(t, "SaveSession("+tt.name+")", err, tt.code, tt.key)
		})
	}
	if n := rowCount(t, m.s, "sessions", "1"); n != 2 {
		t.Errorf("sessions after refused saves = %d, want 2", n)
	}
	if n := rowCount(t, m.s, "agenda_items", "1"); n != 4 {
		t.Errorf("agenda items after refused saves = %d, want 4", n)
	}
}

func TestMeetingSetStatus(t *testing.T) {
	m := newMeeting(t)
	id := m.march.ID
	first := m.agenda(t, id)[0]

	s := m.move(t, id, data.SessionConvocata)
	if s.Status != data.SessionConvocata || !s.Started.IsZero() {
		t.Errorf("SetStatus(convocata) = %+v, want convocata, not started", s)
	}
	s = m.move(t, id, data.SessionBozza) // the convocation withdrawn
	if s.Status != data.SessionBozza {
		t.Errorf("SetStatus(convocata -> bozza) = %q, want bozza", s.Status)
	}
	m.move(t, id, data.SessionConvocata)

	start := meetDay(3, 12, 15, 10)
	m.clock.set(start)
	s = m.move(t, id, data.SessionInCorso)
	if s.Status != data.SessionInCorso || !s.Started.Equal(start) || s.CurrentItemID != first.ID ||
		!s.CurrentSince.Equal(start) || !s.Ended.IsZero() {
		t.Errorf("SetStatus(in_corso) = %+v, want started %v on the first item %s", s, start, first.ID)
	}
	end := m.clock.add(25 * time.Minute)
	s = m.move(t, id, data.SessionChiusa)
	if s.Status != data.SessionChiusa || !s.Ended.Equal(end) || !s.Started.Equal(start) || s.CurrentItemID != "" ||
		!s.CurrentSince.IsZero() {
		t.Errorf("SetStatus(chiusa) = %+v, want ended %v, nothing current", s, end)
	}
	if got := m.agenda(t, id)[0].Spent; got != 25*time.Minute {
		t.Errorf("Agenda()[0].Spent after closing = %v, want 25m", got)
	}
	// Closed by mistake: reopened, then closed again later.
	s = m.move(t, id, data.SessionInCorso)
	if s.Status != data.SessionInCorso || !s.Ended.IsZero() || !s.Started.Equal(start) {
		t.Errorf("SetStatus(chiusa -> in_corso) = %+v, want in corso, started %v, no end", s, start)
	}
	again := m.clock.add(5 * time.Minute)
	s = m.move(t, id, data.SessionChiusa)
	if !s.Ended.Equal(again) {
		t.Errorf("SetStatus(chiusa) again: Ended = %v, want %v", s.Ended, again)
	}
	stored, err := m.s.Session(m.ctx, id)
	must(t, "Session", err)
	if stored.Status != data.SessionChiusa || !stored.Started.Equal(start) || !stored.Ended.Equal(again) {
		t.Errorf("Session() = %+v, want chiusa, %v to %v", stored.Session, start, again)
	}
}

func TestMeetingSetStatusRefused(t *testing.T) {
	m := newMeeting(t)
	in := func(path ...data.SessionStatus) string {
		s := m.session(t, m.sindaci.ID, meetDay(6, 1, 15, 0))
		m.move(t, s.ID, path...)
		return s.ID
	}
	bozza := in()
	convocata := in(data.SessionConvocata)
	inCorso := in(data.SessionConvocata, data.SessionInCorso)
	chiusa := in(data.SessionConvocata, data.SessionInCorso, data.SessionChiusa)
	tests := []struct {
		name string
		id   string
		to   data.SessionStatus
	}{
		{"bozza -> bozza", bozza, data.SessionBozza},
		{"bozza -> in_corso", bozza, data.SessionInCorso},
		{"bozza -> chiusa", bozza, data.SessionChiusa},
		{"bozza -> approvata", bozza, data.SessionApprovata},
		{"bozza -> unknown", bozza, "annullata"},
		{"convocata -> convocata", convocata, data.SessionConvocata},
		{"convocata -> chiusa", convocata, data.SessionChiusa},
		{"convocata -> approvata", convocata, data.SessionApprovata},
		{"in_corso -> bozza", inCorso, data.SessionBozza},
		{"in_corso -> convocata", inCorso, data.SessionConvocata},
		{"in_corso -> in_corso", inCorso, data.SessionInCorso},
		{"in_corso -> approvata", inCorso, data.SessionApprovata},
		{"chiusa -> bozza", chiusa, data.SessionBozza},
		{"chiusa -> convocata", chiusa, data.SessionConvocata},
		{"chiusa -> chiusa", chiusa, data.SessionChiusa},
		{"chiusa -> approvata", chiusa, data.SessionApprovata},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			before, err := m.s.Session(m.ctx, tt.id)
			must(t, "Session", err)
			_, err = m.s.SetStatus(m.ctx, tt.id, tt.to)
			wantErr(t, "SetStatus("+tt.name+")", err, data.EInvalid, "err.session.move")
			after, err := m.s.Session(m.ctx, tt.id)
			must(t, "Session", err)
			if after.Status != before.Status || !after.Updated.Equal(before.Updated) {
				t.Errorf("Session() after SetStatus(%s) = %q updated %v, want %q unchanged", tt.name,
					after.Status, after.Updated, before.Status)
			}
		})
	}
	_, err := m.s.SetStatus(m.ctx, "nope", data.SessionConvocata)
	wantErr(t, "SetStatus(unknown session)", err, data.ENotFound, sessionMissing)

	// A convocation needs an ordine del giorno.
	for _, it := range m.agenda(t, bozza) {
		_, err := m.s.Delete(m.ctx, data.Ref{Kind: data.KindAgendaItem, ID: it.ID})
		must(t, "Delete(item)", err)
	}
	_, err = m.s.SetStatus(m.ctx, bozza, data.SessionConvocata)
	wantErr(t, "SetStatus(empty agenda -> convocata)", err, data.EInvalid, "err.session.agenda_empty")
}

func TestMeetingSetCurrentItem(t *testing.T) {
	m := newMeeting(t)
	id := m.march.ID
	_, err := m.s.SetCurrentItem(m.ctx, id, m.agenda(t, id)[0].ID)
	wantErr(t, "SetCurrentItem(bozza)", err, data.EInvalid, "err.session.not_running")

	piano := m.addItem(t, id, "Piano di Zona 2027-2029: priorità dell'area Anziani")
	items := m.agenda(t, id)
	verbale, varie := items[0], items[2]
	m.move(t, id, data.SessionConvocata)
	m.clock.set(meetDay(3, 12, 15, 0))
	m.move(t, id, data.SessionInCorso) // the verbale is current from 15:00

	steps := []struct {
		after time.Duration
		item  string
		spent map[string]time.Duration // every item's Spent after the step
	}{
		{10 * time.Minute, piano.ID, map[string]time.Duration{verbale.ID: 10 * time.Minute}},
		{40 * time.Minute, varie.ID, map[string]time.Duration{verbale.ID: 10 * time.Minute, piano.ID: 40 * time.Minute}},
		{5 * time.Minute, piano.ID, map[string]time.Duration{verbale.ID: 10 * time.Minute, piano.ID: 40 * time.Minute,
			varie.ID: 5 * time.Minute}},
		// Choosing the current item again adds nothing and keeps its start.
		{7 * time.Minute, piano.ID, map[string]time.Duration{verbale.ID: 10 * time.Minute, piano.ID: 40 * time.Minute,
			varie.ID: 5 * time.Minute}},
		{3*time.Minute + 1500*time.Millisecond, verbale.ID, map[string]time.Duration{verbale.ID: 10 * time.Minute,
			piano.ID: 50*time.Minute + 1500*time.Millisecond, varie.ID: 5 * time.Minute}},
	}
	since := meetDay(3, 12, 15, 0).Add(55 * time.Minute)
	for i, st := range steps {
		now := m.clock.add(st.after)
		s, err := m.s.SetCurrentItem(m.ctx, id, st.item)
		must(t, fmt.Sprintf("SetCurrentItem step %d", i+1), err)
		if i != 3 {
			since = now
		}
		if s.CurrentItemID != st.item || !s.CurrentSince.Equal(since) {
			t.Errorf("SetCurrentItem step %d = %s since %v, want %s since %v", i+1, s.CurrentItemID, s.CurrentSince,
				st.item, since)
		}
		for _, it := range m.agenda(t, id) {
			if it.Spent != st.spent[it.ID] {
				t.Errorf("after SetCurrentItem step %d, %q Spent = %v, want %v", i+1, it.Title, it.Spent, st.spent[it.ID])
			}
		}
	}
	m.clock.add(20 * time.Minute)
	m.move(t, id, data.SessionChiusa)
	if got := m.agenda(t, id)[0].Spent; got != 30*time.Minute {
		t.Errorf("verbale item Spent after closing = %v, want 30m", got)
	}

	other := m.agenda(t, m.april.ID)[0]
	m.move(t, id, data.SessionInCorso)
	_, err = m.s.SetCurrentItem(m.ctx, id, other.ID)
	wantErr(t, "SetCurrentItem(item of another session)", err, data.ENotFound, "err.record.deleted")
	_, err = m.s.SetCurrentItem(m.ctx, id, "nope")
	wantErr(t, "SetCurrentItem(unknown item)", err, data.ENotFound, "err.record.deleted")
}

func TestMeetingSaveAgendaItem(t *testing.T) {
	m := newMeeting(t)
	id := m.march.ID
	v, d := data.DefaultAgenda[0], data.DefaultAgenda[1]
	piano := m.addItem(t, id, "  Piano di Zona  ")
	if piano.Title != "Piano di Zona" || piano.Position != 2 || piano.SessionID != id {
		t.Errorf("SaveAgendaItem(new) = %+v, want title trimmed at position 2", piano)
	}
	m.addItem(t, id, "Mappa dei servizi")
	if got, want := titles(m.agenda(t, id)), "1 "+v+"|2 Piano di Zona|3 Mappa dei servizi|4 "+d; got != want {
		t.Errorf("Agenda after two new items = %q, want %q", got, want)
	}

	// An update changes title and notes; position and time spent stay as stored.
	m.move(t, id, data.SessionConvocata)
	m.clock.set(meetDay(3, 12, 15, 0))
	m.move(t, id, data.SessionInCorso)
	_, err := m.s.SetCurrentItem(m.ctx, id, piano.ID)
	must(t, "SetCurrentItem", err)
	m.clock.add(12 * time.Minute)
	_, err = m.s.SetCurrentItem(m.ctx, id, m.agenda(t, id)[0].ID)
	must(t, "SetCurrentItem", err)
	cur := m.agenda(t, id)[1]
	cur.Title, cur.Notes, cur.Position, cur.Spent = "Piano di Zona 2027", "Intervengono Rossi e Bianchi.", 9, time.Hour
	got, err := m.s.SaveAgendaItem(m.ctx, cur)
	must(t, "SaveAgendaItem(update)", err)
	stored := m.agenda(t, id)[1]
	for _, x := range []data.AgendaItem{got, stored} {
		if x.ID != piano.ID || x.Title != "Piano di Zona 2027" || x.Notes != "Intervengono Rossi e Bianchi." ||
			x.Position != 2 || x.Spent != 12*time.Minute {
			t.Errorf("SaveAgendaItem(update) = %+v, want new title and notes at position 2, 12m spent", x)
		}
	}

	// When the agenda does not end with "Varie ed eventuali", a new item goes last.
	last := m.agenda(t, id)[3]
	must(t, "MoveAgendaItem", m.s.MoveAgendaItem(m.ctx, last.ID, -1))
	m.addItem(t, id, "Calendario")
	if got, want := titles(m.agenda(t, id)), "1 "+v+"|2 Piano di Zona 2027|3 "+d+"|4 Mappa dei servizi|5 Calendario"; got != want {
		t.Errorf("Agenda after a new item with Varie moved up = %q, want %q", got, want)
	}

	for _, tt := range []struct {
		name string
		a    data.AgendaItem
		code data.Code
		key  string
	}{
		{"no title", data.AgendaItem{SessionID: id, Title: " \t"}, data.EInvalid, "err.agenda.title_required"},
		{"no session", data.AgendaItem{Title: "Bilancio"}, data.EInvalid, "err.agenda.session_required"},
		{"unknown session", data.AgendaItem{SessionID: "nope", Title: "Bilancio"}, data.ENotFound, sessionMissing},
	} {
		_, err := m.s.SaveAgendaItem(m.ctx, tt.a)
		wantErr(t, "SaveAgendaItem("+tt.name+")", err, tt.code, tt.key)
	}
}

// TestMeetingVarieFolded checks that "Varie ed eventuali" is recognised however it was typed.
func TestMeetingVarieFolded(t *testing.T) {
	m := newMeeting(t)
	items := m.agenda(t, m.march.ID)
	varie := items[1]
	varie.Title = "VARIE ED EVENTUALI"
	_, err := m.s.SaveAgendaItem(m.ctx, varie)
	must(t, "SaveAgendaItem(rename)", err)
	m.addItem(t, m.march.ID, "Bilancio sociale")
	if got, want := titles(m.agenda(t, m.march.ID)), "1 "+data.DefaultAgenda[0]+"|2 Bilancio sociale|3 VARIE ED EVENTUALI"; got != want {
		t.Errorf("Agenda = %q, want %q", got, want)
	}
}

func TestMeetingMoveAgendaItem(t *testing.T) {
	m := newMeeting(t)
	id := m.march.ID
	for _, title := range []string{"A", "B", "C"} {
		m.addItem(t, id, title)
	}
	byTitle := func(title string) string {
		for _, it := range m.agenda(t, id) {
			if it.Title == title {
				return it.ID
			}
		}
		t.Fatalf("no item %q", title)
		return ""
	}
	v, d := data.DefaultAgenda[0], data.DefaultAgenda[1]
	tests := []struct {
		title string
		delta int
		want  string
	}{
		{"C", -1, "1 " + v + "|2 A|3 C|4 B|5 " + d},
		{"C", -1, "1 " + v + "|2 C|3 A|4 B|5 " + d},
		{"C", -5, "1 C|2 " + v + "|3 A|4 B|5 " + d}, // clamped at the top
		{"C", -1, "1 C|2 " + v + "|3 A|4 B|5 " + d}, // already first
		{"A", 2, "1 C|2 " + v + "|3 B|4 " + d + "|5 A"},
		{"A", 10, "1 C|2 " + v + "|3 B|4 " + d + "|5 A"}, // clamped at the end
		{v, 1, "1 C|2 B|3 " + v + "|4 " + d + "|5 A"},
		{"C", 0, "1 C|2 B|3 " + v + "|4 " + d + "|5 A"},
	}
	for _, tt := range tests {
		must(t, "MoveAgendaItem", m.s.MoveAgendaItem(m.ctx, byTitle(tt.title), tt.delta))
		if got := titles(m.agenda(t, id)); got != tt.want {
			t.Errorf("MoveAgendaItem(%s, %d) = %q, want %q", tt.title, tt.delta, got, tt.want)
		}
	}
	// A deleted item leaves a gap; the next move renumbers 1..n.
	_, err := m.s.Delete(m.ctx, data.Ref{Kind: data.KindAgendaItem, ID: byTitle("B")})
	must(t, "Delete(B)", err)
	must(t, "MoveAgendaItem", m.s.MoveAgendaItem(m.ctx, byTitle("A"), -1))
	if got, want := titles(m.agenda(t, id)), "1 C|2 "+v+"|3 A|4 "+d; got != want {
		t.Errorf("MoveAgendaItem after a delete = %q, want %q", got, want)
	}
	err = m.s.MoveAgendaItem(m.ctx, "nope", 1)
	wantErr(t, "MoveAgendaItem(unknown)", err, data.ENotFound, "err.record.deleted")
}
