package app

import (
	"context"
	"path/filepath"
	"sort"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"github.com/tavoli/tavoli/data"
	"github.com/tavoli/tavoli/data/install"
)

// benchMeeting opens the window on a copy of the demo with a session of the Tavolo tematico Anziani in
// corso, shown on the meeting screen, as a facilitator has it during a meeting. The window runs its
// store work synchronously, so a key's time is everything it does before the screen is redrawn.
func benchMeeting(b *testing.B) *meetingScreen {
	b.Helper()
	b.Setenv("TAVOLI_DATA_DIR", b.TempDir())
	a := test.NewTempApp(b)
	path := filepath.Join(b.TempDir(), "tavoli.db")
	seedDemo(b, path)
	inst, _, err := install.Load(b.TempDir(), func() string { return testDevice })
	if err != nil {
		b.Fatal(err)
	}
	inst.Operator = "Lucia Ferri"
	ui := New(a, Config{DBPath: path, Installation: inst, Version: "bench"}, SyncRunner, opener(testDevice))
	ui.tick = 0
	// The pause that waits for more letters before the registry is asked belongs to typing, not to a
	// key: with the window's work run synchronously here it would be slept inside every key.
	ui.filterPause = 0
	ui.win.Resize(fyne.NewSize(1280, 800))
	b.Cleanup(ui.Close)
	ctx := context.Background()
	var body string
	bodies, err := ui.store.Bodies(ctx)
	if err != nil {
		b.Fatal(err)
	}
	for _, x := range bodies {
		if x.Name == "Tavolo tematico Anziani" {
			body = x.ID
		}
	}
	sess, err := ui.store.SaveSession(ctx, data.Session{BodyID: body, Call: data.CallPrima,
		Date: time.Date(2027, 3, 12, 15, 0, 0, 0, data.Zone), Place: "Sala consiliare"})
	if err != nil {
		b.Fatal(err)
	}
	for _, st := range []data.SessionStatus{data.SessionConvocata, data.SessionInCorso} {
		if _, err := ui.store.SetStatus(ctx, sess.ID, st); err != nil {
			b.Fatal(err)
		}
	}
	ui.goTo(sectionSessions)
	ui.sessions.openMeeting(sess.ID)
	return ui.sessions.meeting
}

// keyTimes runs a key n times and reports the median and the 90th percentile of its time; prep (not
// timed) readies each press.
func keyTimes(b *testing.B, prep func(i int), key func(i int), undo func()) {
	b.Helper()
	var times []time.Duration
	b.ResetTimer()
	for i := range b.N {
		if prep != nil {
			b.StopTimer()
			prep(i)
			b.StartTimer()
		}
		start := time.Now()
		key(i)
		times = append(times, time.Since(start))
		b.StopTimer()
		if undo != nil {
			undo()
		}
		b.StartTimer()
	}
	b.StopTimer()
	sort.Slice(times, func(i, j int) bool { return times[i] < times[j] })
	ms := func(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }
	b.ReportMetric(ms(times[len(times)/2]), "p50-ms")
	b.ReportMetric(ms(times[len(times)*9/10]), "p90-ms")
}

// press sends a key to the focused widget or to the check-in box.
func press(m *meetingScreen, key fyne.KeyName) {
	m.reg.checkin.TypedKey(&fyne.KeyEvent{Name: key})
}

// closeOverlay dismisses the dialog on top, as Esc does.
func closeOverlay(m *meetingScreen) {
	c := m.ui.win.Canvas()
	for c.Overlays().Top() != nil {
		c.Overlays().Remove(c.Overlays().Top())
	}
	m.capture = nil
}

// BenchmarkMeetingKeys times every key of the meeting screen on the demo's Tavolo Anziani (12 seats, 60
// people in the registry): go test -run XXX -bench MeetingKeys ./app/ reports p50 and p90 in ms.
func BenchmarkMeetingKeys(b *testing.B) {
	b.Run("check-in Enter", func(b *testing.B) {
		m := benchMeeting(b)
		var names []string
		for _, l := range m.d.Register {
			if l.PersonID != "" {
				names = append(names, data.Fold(l.Naming.Surname))
			}
		}
		keyTimes(b, func(i int) { m.reg.checkin.SetText(names[i%len(names)]) },
			func(int) { press(m, fyne.KeyReturn) }, nil)
	})
	for _, k := range []struct {
		name string
		key  func(m *meetingScreen)
		undo func(m *meetingScreen)
	}{
		{"F3 excused", func(m *meetingScreen) { press(m, fyne.KeyF3) }, nil},
		{"F4 leaves or returns", func(m *meetingScreen) { press(m, fyne.KeyF4) }, nil},
		{"F6 delegation form", func(m *meetingScreen) { press(m, fyne.KeyF6) }, closeOverlay},
		{"F7 walk-in form", func(m *meetingScreen) { press(m, fyne.KeyF7) }, closeOverlay},
		{"Ctrl+P proposal form", (*meetingScreen).captureProposal, closeOverlay},
		{"Ctrl+Shift+V vote form", (*meetingScreen).openVoteForm, closeOverlay},
		{"Ctrl+Enter next item", (*meetingScreen).nextItem, nil},
		{"F8 mark taken back", func(m *meetingScreen) { press(m, fyne.KeyF8) }, func(m *meetingScreen) { press(m, fyne.KeyF3) }},
		{"F9 speaker", func(m *meetingScreen) { press(m, fyne.KeyF9) }, func(m *meetingScreen) { press(m, fyne.KeyF10) }},
		{"F10 next speaker", func(m *meetingScreen) { press(m, fyne.KeyF10) }, nil},
	} {
		b.Run(k.name, func(b *testing.B) {
			m := benchMeeting(b)
			// The first member, present and chosen in the check-in box: the keys act on that line.
			name := data.Fold(m.d.Register[0].Naming.Surname)
			m.reg.checkin.SetText(name)
			m.reg.filter()
			press(m, fyne.KeyReturn)
			choose := func(int) {
				m.reg.checkin.SetText(name)
				m.reg.filter()
				for i, l := range m.reg.shown {
					if l.PersonID == m.d.Register[0].PersonID {
						m.reg.choose(i)
					}
				}
			}
			var undo func()
			if k.undo != nil {
				undo = func() { k.undo(m) }
			}
			keyTimes(b, choose, func(int) { k.key(m) }, undo)
		})
	}
}
