package app

import (
	"os"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"github.com/tavoli/tavoli/data"
)

// loopRunner runs the store's work in goroutines, as the program's runner does, and hands what follows
// back to the test's goroutine, which plays the UI's event loop: an answer arrives only while the test
// waits (pump), never in the middle of a keystroke.
type loopRunner struct {
	mu      sync.Mutex
	pending int
	done    chan func()
}

func newLoopRunner() *loopRunner { return &loopRunner{done: make(chan func(), 1024)} }

func (l *loopRunner) run(work, done func()) {
	l.mu.Lock()
	l.pending++
	l.mu.Unlock()
	go func() {
		work()
		l.done <- done
	}()
}

// pump runs the answers that arrive during d, as the event loop would between two keystrokes.
func (l *loopRunner) pump(d time.Duration) {
	end := time.After(d)
	for {
		select {
		case f := <-l.done:
			l.finish(f)
		case <-end:
			return
		}
	}
}

// idle runs answers until no work is under way.
func (l *loopRunner) idle(t *testing.T) {
	t.Helper()
	deadline := time.After(30 * time.Second)
	for {
		l.mu.Lock()
		n := l.pending
		l.mu.Unlock()
		if n == 0 {
			return
		}
		select {
		case f := <-l.done:
			l.finish(f)
		case <-deadline:
			t.Fatalf("%d answers of the store never came", n)
		}
	}
}

func (l *loopRunner) finish(f func()) {
	f()
	l.mu.Lock()
	l.pending--
	l.mu.Unlock()
}

// typeSlowly types text one letter at a time, pause apart, as a facilitator does; the answers of the
// store arrive meanwhile. Nothing is waited for after the last letter.
func typeSlowly(l *loopRunner, e fyne.Focusable, text string, pause time.Duration) {
	for i, c := range text {
		if i > 0 {
			l.pump(pause)
		}
		test.Type(e, string(c))
	}
}

// liveCheckIn is a started meeting of the Tavolo dei Sindaci driven with the program's timings: the
// store answers from other goroutines and the registry is searched after the real pause.
func liveCheckIn(t *testing.T) (*env, *meetingScreen, *loopRunner) {
	e := newEnv(t, setup{demo: true, operator: "Lucia Ferri"})
	s := e.convene("Tavolo dei Sindaci", "19/03/2027")
	test.Tap(button(t, s.split, "Convoca"))
	e.start(s)
	l := newLoopRunner()
	e.ui.run = l.run
	e.ui.filterPause = 180 * time.Millisecond // the program's own pause
	return e, s.meeting, l
}

// typedFor is what a facilitator types for p: the surname and the start of the given name.
func typedFor(p data.PersonView) string {
	name := []rune(data.Fold(p.Name))
	return data.Fold(p.Surname) + " " + string(name[:min(3, len(name))])
}

func TestCheckInAtTypingSpeed(t *testing.T) {
	e, m, l := liveCheckIn(t)
	people := e.people("")
	inRegister := map[string]bool{}
	for _, x := range m.d.Register {
		inRegister[x.PersonID] = true
	}
	// Guests first (they are found only in the registry, the slow way), then members; each typed text
	// must name one person alone.
	n := 8
	if v, err := strconv.Atoi(os.Getenv("TAVOLI_CHECKIN_N")); err == nil {
		n = v
	}
	var guests, members []data.PersonView
	for _, p := range people {
		terms := data.SearchTerms(typedFor(p))
		alone := true
		for _, o := range people {
			if o.ID != p.ID && data.MatchRank(terms, o.Surname, o.Name, "") >= 0 {
				alone = false
			}
		}
		switch {
		case !alone:
		case inRegister[p.ID]:
			members = append(members, p)
		default:
			guests = append(guests, p)
		}
	}
	targets := append(guests[:min(len(guests), n-min(n/3, len(members)))], members...)[:n]
	before := len(people)

	start := time.Now()
	for _, p := range targets {
		typeSlowly(l, m.reg.checkin, typedFor(p), 120*time.Millisecond)
		pressEnter(m.reg.checkin) // at once after the last letter
		l.pump(120 * time.Millisecond)
	}
	l.idle(t)
	t.Logf("%d names typed at 120 ms a letter, then Enter, in %v", len(targets), time.Since(start).Round(time.Millisecond))

	if o := e.overlay(); o != nil {
		t.Fatalf("a dialog opened during check-in")
	}
	if after := len(e.people("")); after != before {
		t.Errorf("people in the store: %d after check-in, %d before: Enter created someone", after, before)
	}
	present := map[string]int{}
	for _, x := range m.d.Register {
		if x.Recorded() && x.Presence == data.PresencePresente {
			present[x.PersonID]++
		}
	}
	marked := 0
	for _, p := range targets {
		switch present[p.ID] {
		case 1:
			marked++
		default:
			t.Errorf("%s (typed %q) has %d lines present, want 1", p.FullName(), typedFor(p), present[p.ID])
		}
	}
	t.Logf("%d marked of %d, %d created", marked, len(targets), len(e.people(""))-before)
	if len(present) != len(targets) {
		t.Errorf("%d people present, want the %d typed", len(present), len(targets))
	}
	if m.reg.checkin.Text != "" {
		t.Errorf("the box holds %q after the last Enter, want it empty", m.reg.checkin.Text)
	}
}

func TestCheckInEnterOnNothing(t *testing.T) {
	e, m, l := liveCheckIn(t)
	before := len(e.people(""))
	countPresent := func() int {
		n := 0
		for _, x := range m.d.Register {
			if x.PresentAt(time.Time{}) {
				n++
			}
		}
		return n
	}
	pressEnter(m.reg.checkin)
	l.idle(t)
	if n := countPresent(); n != 0 || e.overlay() != nil {
		t.Fatalf("Enter on the empty box: %d present, dialog %v; want nothing done", n, e.overlay() != nil)
	}

	// A name matching nobody: said so, kept in the box, nobody created, no form.
	typeSlowly(l, m.reg.checkin, "zzqx", 120*time.Millisecond)
	pressEnter(m.reg.checkin)
	l.idle(t)
	if e.overlay() != nil {
		t.Fatal("Enter on a name matching nobody opened a dialog")
	}
	if !strings.Contains(m.errs.wrap.Text, "zzqx") || !strings.Contains(m.errs.wrap.Text, "F7") {
		t.Errorf("Enter on a name matching nobody says %q, want that nobody was found and F7", m.errs.wrap.Text)
	}
	if m.reg.checkin.Text != "zzqx" {
		t.Errorf("the box holds %q, want the name kept", m.reg.checkin.Text)
	}
	if after := len(e.people("")); after != before || countPresent() != 0 {
		t.Errorf("people %d → %d, present %d: want nothing created nor marked", before, after, countPresent())
	}
}

func TestCheckInUndo(t *testing.T) {
	e, m, l := liveCheckIn(t)
	line := func(id string) (data.RegisterLine, bool) {
		for _, x := range m.d.Register {
			if x.PersonID == id && x.Recorded() {
				return x, true
			}
		}
		return data.RegisterLine{}, false
	}
	var member, guest data.PersonView
	inRegister := map[string]bool{}
	for _, x := range m.d.Register {
		inRegister[x.PersonID] = true
	}
	for _, p := range e.people("") {
		if inRegister[p.ID] && member.ID == "" && p.Surname != "" {
			member = p
		}
		if !inRegister[p.ID] && guest.ID == "" {
			guest = p
		}
	}
	undo := func() {
		m.reg.checkin.TypedShortcut(&fyne.ShortcutUndo{})
		l.idle(t)
	}
	for _, p := range []data.PersonView{member, guest} {
		typeSlowly(l, m.reg.checkin, typedFor(p), 120*time.Millisecond)
		pressEnter(m.reg.checkin)
		l.idle(t)
		if x, ok := line(p.ID); !ok || !x.PresentAt(time.Time{}) {
			t.Fatalf("%s not marked present: %+v", p.FullName(), x)
		}
		undo()
		if x, ok := line(p.ID); ok {
			t.Errorf("after Ctrl+Z %s is still recorded: %+v", p.FullName(), x)
		}
		if p.ID == guest.ID {
			continue
		}
		// Marked present, then excused: Ctrl+Z takes back the excuse, and the arrival is what it was.
		typeSlowly(l, m.reg.checkin, typedFor(p), 120*time.Millisecond)
		pressEnter(m.reg.checkin)
		l.idle(t)
		arrived, _ := line(p.ID)
		typeSlowly(l, m.reg.checkin, typedFor(p), 120*time.Millisecond)
		l.idle(t)
		m.reg.checkin.TypedKey(&fyne.KeyEvent{Name: fyne.KeyF3})
		l.idle(t)
		if x, _ := line(p.ID); x.Presence != data.PresenceGiustificato {
			t.Fatalf("after F3 %s is %q, want giustificato", p.FullName(), x.Presence)
		}
		undo()
		if x, _ := line(p.ID); x.Presence != data.PresencePresente || !x.Arrived.Equal(arrived.Arrived) || !x.Left.IsZero() {
			t.Errorf("after Ctrl+Z the line is %q arrived %v left %v, want present since %v", x.Presence, x.Arrived, x.Left, arrived.Arrived)
		}
		// F3 twice: excused, then not recorded again, with no arrival nor exit invented.
		m.reg.checkin.SetText("")
		typeSlowly(l, m.reg.checkin, typedFor(p), 120*time.Millisecond)
		l.idle(t)
		m.reg.checkin.TypedKey(&fyne.KeyEvent{Name: fyne.KeyF8})
		l.idle(t)
		if x, ok := line(p.ID); ok {
			t.Fatalf("after F8 %s is still recorded: %+v", p.FullName(), x)
		}
		typeSlowly(l, m.reg.checkin, typedFor(p), 120*time.Millisecond)
		l.idle(t)
		m.reg.checkin.TypedKey(&fyne.KeyEvent{Name: fyne.KeyF3})
		l.idle(t)
		typeSlowly(l, m.reg.checkin, typedFor(p), 120*time.Millisecond)
		l.idle(t)
		m.reg.checkin.TypedKey(&fyne.KeyEvent{Name: fyne.KeyF3})
		l.idle(t)
		if x, ok := line(p.ID); ok {
			t.Errorf("F3 on someone excused left %+v, want them not recorded", x)
		}
	}
	if m.errs.wrap.Visible() && m.errs.wrap.Text != "" {
		t.Errorf("error shown: %s", m.errs.wrap.Text)
	}
}

func TestCheckInKeepsAChoiceMadeByHand(t *testing.T) {
	e, m, l := liveCheckIn(t)
	// Three letters that find two members or more in the register.
	var typed string
	for _, x := range m.d.Register {
		f := []rune(data.Fold(x.Naming.Surname))
		if len(f) < 3 || x.PersonID == "" {
			continue
		}
		n := 0
		for _, y := range m.d.Register {
			if y.PersonID != "" && data.MatchRank(data.SearchTerms(string(f[:3])), y.Naming.Surname, y.Naming.Name,
				y.PersonName+" "+y.SeatName+" "+y.Organisation+" "+y.Town) >= 0 {
				n++
			}
		}
		if n >= 2 {
			typed = string(f[:3])
			break
		}
	}
	if typed == "" {
		t.Fatal("no three letters of a member find two members in the demo: the test needs such a pair")
	}
	typeSlowly(l, m.reg.checkin, typed, 120*time.Millisecond)
	m.reg.checkin.TypedKey(&fyne.KeyEvent{Name: fyne.KeyDown}) // before the registry answers
	want, ok := m.reg.chosen()
	if !ok {
		t.Fatal("nothing chosen after ↓")
	}
	pressEnter(m.reg.checkin)
	l.idle(t)
	for _, x := range m.d.Register {
		if x.PresentAt(time.Time{}) && x.PersonID != want.PersonID {
			t.Errorf("%q, ↓, Enter marked %s, want %s, the line chosen", typed, x.PersonName, want.PersonName)
		}
		if x.PersonID == want.PersonID && !x.PresentAt(time.Time{}) {
			t.Errorf("%q, ↓, Enter left %s, the line chosen, not present", typed, want.PersonName)
		}
	}
	if e.overlay() != nil {
		t.Error("a dialog opened")
	}
}
