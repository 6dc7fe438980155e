package data_test

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/tavoli/tavoli/data"
)

// regAt is a time of the afternoon of the mayors' meeting the register tests record.
func regAt(hhmm string) time.Time {
	t, err := time.Parse("2006-01-02 15:04", "2027-03-12 "+hhmm)
	if err != nil {
		panic(err)
	}
	return t
}

// TestBuildRegisterDoesNotPanic: the names' sort keys need a collate.Buffer (x/text dereferences it);
// with a nil one any register with a line panicked, and with it the store's Register, SaveAttendance
// and Dossier.
func TestBuildRegisterDoesNotPanic(t *testing.T) {
	defer func() {
		if p := recover(); p != nil {
			t.Errorf("BuildRegister(one guest) panicked: %v, want one line", p)
		}
	}()
	lines := data.BuildRegister(nil, nil, nil, []data.Attendance{{SessionID: "s", PersonID: "p",
		Presence: data.PresencePresente}})
	if len(lines) != 1 {
		t.Errorf("len(BuildRegister(one guest)) = %d, want 1", len(lines))
	}
}

// regFixture is the mayors' table of four comuni (Paciano's seat has no mayor on record), three
// members without a seat, and the people who came.
type regFixture struct {
	seats   []data.SeatView
	members []data.MembershipView
	people  map[string]data.PersonView
}

func regSeat(id, name string, pos, pop int) data.SeatView {
	return data.SeatView{Seat: data.Seat{Meta: data.Meta{ID: id}, BodyID: "sindaci", Position: pos}, Name: name,
		Population: pop}
}

func regMember(id, person string, role data.Role, seat string) data.MembershipView {
	return data.MembershipView{Membership: data.Membership{Meta: data.Meta{ID: id}, BodyID: "sindaci",
		PersonID: person, Role: role, SeatID: seat}}
}

func newRegFixture() regFixture {
	f := regFixture{
		seats: []data.SeatView{
			regSeat("s-cast", "Castiglione del Lago", 1, 15150),
			regSeat("s-mag", "Magione", 2, 14700),
			regSeat("s-pieve", "Città della Pieve", 3, 7500),
			regSeat("s-pac", "Paciano", 4, 950),
		},
		// Listed the way the store lists them (presidente first) and not in name order.
		members: []data.MembershipView{
			regMember("m-verdi", "verdi", data.RolePresidente, "s-cast"),
			regMember("m-desantis", "desantis", data.RoleSegretario, ""),
			regMember("m-dangelo", "dangelo", data.RoleFacilitator, ""),
			regMember("m-neri", "neri", data.RoleMembro, "s-mag"),
			regMember("m-bruni", "bruni", data.RoleMembro, "s-pieve"),
			regMember("m-bianchi", "bianchi", data.RoleDelegato, "s-mag"), // standing delegate of Magione
			{Membership: data.Membership{Meta: data.Meta{ID: "m-gone", Deleted: true}, BodyID: "sindaci",
				PersonID: "gone", Role: data.RoleMembro}},
		},
		people: map[string]data.PersonView{},
	}
	for _, p := range []struct{ id, surname, name, town string }{
		{"verdi", "Verdi", "Paolo", "Castiglione del Lago"},
		{"neri", "Neri", "Luca", "Magione"},
		{"bianchi", "Bianchi", "Teresa", "Magione"},
		{"bruni", "Bruni", "Anna", "Città della Pieve"},
		{"desantis", "De Santis", "Marco", "Castiglione del Lago"},
		{"dangelo", "D'Angelo", "Rosa", "Castiglione del Lago"},
		{"zucchi", "Zucchi", "Pia", ""},
		{"orsini", "Òrsini", "Ugo", "Panicale"},
		{"gialli", "Gialli", "Ettore", ""},
		{"gone", "Andati", "Ada", ""},
		{"fantasma", "Fantasma", "Franco", ""},
	} {
		f.people[p.id] = data.PersonView{Person: data.Person{Meta: data.Meta{ID: p.id}, Surname: p.surname,
			Name: p.name, Category: data.CatComune}, ComuneName: p.town}
	}
	return f
}

func regLine(id, person, seat string, presence data.Presence, arrived, left string) data.Attendance {
	a := data.Attendance{Meta: data.Meta{ID: id}, SessionID: "seduta", PersonID: person, SeatID: seat,
		Presence: presence}
	if arrived != "" {
		a.Arrived = regAt(arrived)
	}
	if left != "" {
		a.Left = regAt(left)
	}
	return a
}

// regRow is what a test expects of a register line.
type regRow struct {
	name      string
	seat      string
	presence  data.Presence
	recorded  bool
	delegated bool
	role      data.Role
}

func (r regRow) String() string {
	return fmt.Sprintf("{%q %q %q rec=%v del=%v %q}", r.name, r.seat, r.presence, r.recorded, r.delegated, r.role)
}

func regRows(lines []data.RegisterLine) []regRow {
	out := make([]regRow, 0, len(lines))
	for _, l := range lines {
		out = append(out, regRow{l.PersonName, l.SeatName, l.Presence, l.Recorded(), l.Delegated, l.Role})
	}
	return out
}

func TestBuildRegister(t *testing.T) {
	f := newRegFixture()
	verdi := regLine("a-verdi", "verdi", "s-cast", data.PresencePresente, "15:00", "")
	bianchi := regLine("a-bianchi", "bianchi", "s-mag", data.PresencePresente, "15:05", "")
	bianchi.Delegated = true
	bruni := regLine("a-bruni", "bruni", "s-pieve", data.PresenceGiustificato, "", "")
	zucchi := regLine("a-zucchi", "zucchi", "", data.PresencePresente, "15:10", "")
	orsini := regLine("a-orsini", "orsini", "", data.PresencePresente, "15:20", "")
	neriAbsent := regLine("a-neri", "neri", "s-mag", data.PresenceAssente, "", "")
	deletedVerdi := regLine("a-verdi-old", "verdi", "s-cast", data.PresencePresente, "14:50", "")
	deletedVerdi.Deleted = true
	ghost := regLine("a-ghost", "fantasma", "", data.PresencePresente, "15:00", "")
	ghost.Deleted = true
	elsewhere := regLine("a-gialli", "gialli", "s-other-body", data.PresencePresente, "15:00", "")
	unknown := regLine("a-unknown", "not-in-people", "", data.PresencePresente, "15:00", "")

	expectedVerdi := regRow{"Verdi Paolo", "Castiglione del Lago", "", false, false, data.RolePresidente}
	expectedNeri := regRow{"Neri Luca", "Magione", "", false, false, data.RoleMembro}
	expectedBruni := regRow{"Bruni Anna", "Città della Pieve", "", false, false, data.RoleMembro}
	emptyPaciano := regRow{"", "Paciano", "", false, false, ""}
	dangelo := regRow{"D'Angelo Rosa", "", "", false, false, data.RoleFacilitator}
	desantis := regRow{"De Santis Marco", "", "", false, false, data.RoleSegretario}
	tests := []struct {
		name string
		att  []data.Attendance
		want []regRow
	}{
		{"nobody recorded", nil, []regRow{expectedVerdi, expectedNeri, expectedBruni, emptyPaciano, dangelo, desantis}},
		{"a meeting", []data.Attendance{zucchi, bruni, bianchi, orsini, verdi}, []regRow{
			{"Verdi Paolo", "Castiglione del Lago", data.PresencePresente, true, false, data.RolePresidente},
			// The delegate replaces the member expected on Magione's seat.
			{"Bianchi Teresa", "Magione", data.PresencePresente, true, true, data.RoleDelegato},
			{"Bruni Anna", "Città della Pieve", data.PresenceGiustificato, true, false, data.RoleMembro},
			emptyPaciano,
			dangelo, desantis,
			{"Òrsini Ugo", "", data.PresencePresente, true, false, ""},
			{"Zucchi Pia", "", data.PresencePresente, true, false, ""},
		}},
		{"the member absent and the delegate on the same seat", []data.Attendance{bianchi, neriAbsent}, []regRow{
			expectedVerdi,
			{"Neri Luca", "Magione", data.PresenceAssente, true, false, data.RoleMembro},
			{"Bianchi Teresa", "Magione", data.PresencePresente, true, true, data.RoleDelegato},
			expectedBruni, emptyPaciano, dangelo, desantis,
		}},
		{"deleted attendance is ignored", []data.Attendance{deletedVerdi, ghost}, []regRow{
			expectedVerdi, expectedNeri, expectedBruni, emptyPaciano, dangelo, desantis}},
		{"a seat of another body makes a guest; an unknown person keeps an empty name",
			[]data.Attendance{elsewhere, unknown}, []regRow{
				expectedVerdi, expectedNeri, expectedBruni, emptyPaciano, dangelo, desantis,
				{"", "", data.PresencePresente, true, false, ""},
				{"Gialli Ettore", "", data.PresencePresente, true, false, ""},
			}},
		{"a member recorded without a seat stays among the members", []data.Attendance{
			regLine("a-desantis", "desantis", "", data.PresencePresente, "15:00", "")}, []regRow{
			expectedVerdi, expectedNeri, expectedBruni, emptyPaciano, dangelo,
			{"De Santis Marco", "", data.PresencePresente, true, false, data.RoleSegretario},
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			lines := data.BuildRegister(f.seats, f.members, f.people, tt.att)
			got := regRows(lines)
			if fmt.Sprint(got) != fmt.Sprint(tt.want) {
				t.Errorf("BuildRegister(%s) =\n%v\nwant\n%v", tt.name, got, tt.want)
			}
		})
	}
}

// TestBuildRegisterLines checks the fields a line carries besides the ones the order test reads.
func TestBuildRegisterLines(t *testing.T) {
	f := newRegFixture()
	verdi := regLine("a-verdi", "verdi", "s-cast", data.PresencePresente, "15:00", "16:30")
	lines := data.BuildRegister(f.seats, f.members, f.people, []data.Attendance{verdi})
	byName := map[string]data.RegisterLine{}
	for _, l := range lines {
		byName[l.PersonName+"|"+l.SeatName] = l
	}
	got := byName["Verdi Paolo|Castiglione del Lago"]
	if got.ID != "a-verdi" || got.SessionID != "seduta" || got.Population != 15150 || got.Town != "Castiglione del Lago" ||
		got.Category != data.CatComune || !got.Arrived.Equal(regAt("15:00")) || !got.Left.Equal(regAt("16:30")) {
		t.Errorf("BuildRegister(verdi) line = %+v, want the attendance with seat population 15150 and town", got)
	}
	// An expected member's line belongs to the session of the attendance, and is not recorded.
	neri := byName["Neri Luca|Magione"]
	if neri.Recorded() || neri.SessionID != "seduta" || neri.SeatID != "s-mag" || neri.Population != 14700 {
		t.Errorf("BuildRegister(neri expected) = %+v, want unrecorded line of seduta on s-mag", neri)
	}
	pac := byName["|Paciano"]
	if pac.Recorded() || pac.SeatID != "s-pac" || pac.PersonID != "" || pac.Population != 950 || pac.Guest() {
		t.Errorf("BuildRegister() Paciano line = %+v, want an empty seat line", pac)
	}
	if n := len(lines); n != 6 {
		t.Errorf("len(BuildRegister(verdi)) = %d, want 6", n)
	}
	if guest := (data.RegisterLine{}); !guest.Guest() {
		t.Errorf("RegisterLine{}.Guest() = false, want true")
	}
}

// TestBuildRegisterItalianOrder checks that people in one group are in Italian name order, whatever
// the order they were recorded in.
func TestBuildRegisterItalianOrder(t *testing.T) {
	people := map[string]data.PersonView{}
	var att []data.Attendance
	surnames := []string{"Zanetti", "de Santis", "Éboli", "D'Angelo", "Ebert", "De Santis", "Abete", "d'Amico"}
	for i, s := range surnames {
		id := fmt.Sprintf("p%d", i)
		people[id] = data.PersonView{Person: data.Person{Meta: data.Meta{ID: id}, Surname: s, Name: "X"}}
		att = append(att, data.Attendance{Meta: data.Meta{ID: "a" + id}, SessionID: "s", PersonID: id,
			Presence: data.PresencePresente})
	}
	lines := data.BuildRegister(nil, nil, people, att)
	var got []string
	for _, l := range lines {
		got = append(got, strings.TrimSuffix(l.PersonName, " X"))
	}
	want := "Abete d'Amico D'Angelo de Santis De Santis Ebert Éboli Zanetti"
	if strings.Join(got, " ") != want {
		t.Errorf("BuildRegister(guests) order = %v, want %v", strings.Join(got, " "), want)
	}
}

func TestPresentAt(t *testing.T) {
	line := func(p data.Presence, person, arrived, left string) data.RegisterLine {
		return data.RegisterLine{Attendance: regLine("a", person, "s-cast", p, arrived, left)}
	}
	stayed := line(data.PresencePresente, "verdi", "15:00", "")
	went := line(data.PresencePresente, "verdi", "15:00", "16:00")
	noTimes := line(data.PresencePresente, "verdi", "", "")
	leftOnly := line(data.PresencePresente, "verdi", "", "16:00")
	tests := []struct {
		name string
		l    data.RegisterLine
		at   string // "" is the zero time
		want bool
	}{
		{"still there, any time", stayed, "", true},
		{"still there, before arriving", stayed, "14:59", false},
		{"still there, arriving", stayed, "15:00", true},
		{"still there, later", stayed, "18:00", true},
		{"gone, any time", went, "", false},
		{"gone, before arriving", went, "14:00", false},
		{"gone, arriving", went, "15:00", true},
		{"gone, in between", went, "15:59", true},
		{"gone, leaving", went, "16:00", false},
		{"gone, after", went, "17:00", false},
		{"no times, any time", noTimes, "", true},
		{"no times, early", noTimes, "08:00", true},
		{"left, arrival unknown, before", leftOnly, "15:30", true},
		{"left, arrival unknown, after", leftOnly, "16:30", false},
		{"absent", line(data.PresenceAssente, "verdi", "", ""), "", false},
		{"absent, at a time", line(data.PresenceAssente, "verdi", "", ""), "15:30", false},
		{"excused", line(data.PresenceGiustificato, "verdi", "", ""), "15:30", false},
		{"expected, not recorded", line("", "verdi", "", ""), "", false},
		{"empty seat", line(data.PresencePresente, "", "", ""), "", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var at time.Time
			if tt.at != "" {
				at = regAt(tt.at)
			}
			if got := tt.l.PresentAt(at); got != tt.want {
				t.Errorf("PresentAt(%s %q) = %v, want %v", tt.name, tt.at, got, tt.want)
			}
		})
	}
}

func TestPresentSeats(t *testing.T) {
	f := newRegFixture()
	verdi := regLine("a-verdi", "verdi", "s-cast", data.PresencePresente, "15:00", "16:00")
	bianchi := regLine("a-bianchi", "bianchi", "s-mag", data.PresencePresente, "15:30", "")
	bianchi.Delegated = true
	bruni := regLine("a-bruni", "bruni", "s-pieve", data.PresenceAssente, "", "")
	guest := regLine("a-zucchi", "zucchi", "", data.PresencePresente, "14:00", "")
	lines := data.BuildRegister(f.seats, f.members, f.people, []data.Attendance{verdi, bianchi, bruni, guest})
	tests := []struct {
		at   string
		want string
	}{
		{"", "s-mag"},
		{"14:30", ""},
		{"15:00", "s-cast"},
		{"15:30", "s-cast s-mag"},
		{"16:00", "s-mag"},
	}
	for _, tt := range tests {
		t.Run(tt.at, func(t *testing.T) {
			var at time.Time
			if tt.at != "" {
				at = regAt(tt.at)
			}
			got := data.PresentSeats(lines, at)
			var ids []string
			for _, s := range f.seats {
				if got[s.ID] {
					ids = append(ids, s.ID)
				}
			}
			if strings.Join(ids, " ") != tt.want || len(got) != len(ids) {
				t.Errorf("PresentSeats(%q) = %v, want %v", tt.at, got, tt.want)
			}
		})
	}
}

func TestCheckHold(t *testing.T) {
	f := newRegFixture()
	one, two := data.DefaultRules(data.BodyTavoloAlto), data.DefaultRules(data.BodySindaci)
	zero := one
	zero.Proxies = 0 // not valid as a stored rule, read as 1
	if one.Proxies != 1 || two.Proxies != 2 {
		t.Fatalf("DefaultRules proxies = %d, %d, want 1, 2", one.Proxies, two.Proxies)
	}
	verdi := regLine("a-verdi", "verdi", "s-cast", data.PresencePresente, "15:00", "")
	bianchiMag := regLine("a-bianchi", "bianchi", "s-mag", data.PresencePresente, "15:00", "")
	bianchiMag.Delegated = true
	bianchiPieve := regLine("a-bianchi2", "bianchi", "s-pieve", data.PresencePresente, "15:00", "")
	bianchiPieve.Delegated = true
	bianchiGone := bianchiMag
	bianchiGone.Left = regAt("16:00")
	neriAbsent := regLine("a-neri", "neri", "s-mag", data.PresenceAssente, "", "")
	bianchiGuest := regLine("a-bianchi3", "bianchi", "", data.PresencePresente, "15:00", "")
	reg := func(att ...data.Attendance) []data.RegisterLine {
		return data.BuildRegister(f.seats, f.members, f.people, att)
	}
	tests := []struct {
		name   string
		lines  []data.RegisterLine
		rules  data.Rules
		person string
		seat   string
		code   data.Code
		key    string
	}{
		{"no seat: a guest", reg(verdi), one, "verdi", "", "", ""},
		{"a free seat", reg(verdi), one, "neri", "s-mag", "", ""},
		{"a seat someone expects but nobody holds", reg(), one, "bianchi", "s-mag", "", ""},
		{"seat taken by someone else", reg(verdi, bianchiMag), two, "neri", "s-mag", data.EConflict,
			"err.register.seat_taken"},
		{"the holder re-saving their own seat", reg(verdi, bianchiMag), one, "bianchi", "s-mag", "", ""},
		{"seat of someone who left", reg(bianchiGone), one, "neri", "s-mag", "", ""},
		{"seat of someone absent", reg(neriAbsent), one, "bianchi", "s-mag", "", ""},
		{"proxies 1: a second seat", reg(bianchiMag), one, "bianchi", "s-pieve", data.EInvalid, "err.register.proxies"},
		{"proxies 0 reads as 1", reg(bianchiMag), zero, "bianchi", "s-pieve", data.EInvalid, "err.register.proxies"},
		{"proxies 2: a second seat", reg(bianchiMag), two, "bianchi", "s-pieve", "", ""},
		{"proxies 2: a third seat", reg(bianchiMag, bianchiPieve), two, "bianchi", "s-pac", data.EInvalid,
			"err.register.proxies"},
		{"proxies 2: re-saving one of two seats", reg(bianchiMag, bianchiPieve), two, "bianchi", "s-pieve", "", ""},
		{"proxies 1: a seat held before leaving does not count", reg(bianchiGone), one, "bianchi", "s-pieve", "", ""},
		{"proxies 1: a guest line does not count", reg(bianchiGuest), one, "bianchi", "s-pieve", "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := data.CheckHold(tt.lines, tt.rules, tt.person, tt.seat)
			e := data.AsError(err)
			if data.ErrorCode(err) != tt.code || (tt.key != "" && (e == nil || e.Key != tt.key)) {
				t.Errorf("CheckHold(%s) = %v, want code %q key %q", tt.name, err, tt.code, tt.key)
			}
		})
	}
	// The errors name what the interface shows.
	err := data.AsError(data.CheckHold(reg(verdi, bianchiMag), two, "neri", "s-mag"))
	if err == nil || err.Args["seat"] != "Magione" || err.Args["name"] != "Bianchi Teresa" {
		t.Errorf("CheckHold(seat taken).Args = %v, want seat Magione, name Bianchi Teresa", err)
	}
	err = data.AsError(data.CheckHold(reg(bianchiMag, bianchiPieve), two, "bianchi", "s-pac"))
	if err == nil || err.Args["limit"] != 2 {
		t.Errorf("CheckHold(third seat).Args = %v, want limit 2", err)
	}
}
