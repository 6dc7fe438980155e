package app

import (
	"fmt"
	"image/png"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/tavoli/tavoli/data"
)

// shots, when set, is a folder where the projector tests save what the projector shows, to look at.
var shots = os.Getenv("TAVOLI_SHOTS")

// projectorWithResult starts a meeting, closes a vote with 4 favorevoli and 1 contrario and presses
// F5 once in the check-in box: the result is on the projector.
func projectorWithResult(t *testing.T, e *env) (*meetingScreen, *projector) {
	t.Helper()
	m := startAnziani(t, e)
	openVote(t, e, m, "votazione (favorevoli, contrari, astenuti)", false)
	test.Type(m.voteKeys, "ffffc")
	v, _ := m.openVoteShown()
	m.closeVote(v.ID)
	if d := e.overlay(); d != nil {
		pressEnter(e.ui.win.Canvas().Focused()) // the result dialog closes with Enter
	}
	e.ui.win.Canvas().Focus(m.reg.checkin)
	m.reg.checkin.TypedKey(&fyne.KeyEvent{Name: fyne.KeyF5})
	if m.proj == nil {
		t.Fatal("F5 opened no projector")
	}
	return m, m.proj
}

// drawnText is a piece of text the projector draws, with where it is.
type drawnText struct {
	text   string
	size   float32 // the type's size
	x, w   float32 // its left edge and width in the window
	bottom float32
}

// drawn lists the texts drawn inside o.
func drawn(o fyne.CanvasObject) []drawnText {
	var out []drawnText
	d := fyne.CurrentApp().Driver()
	walk(o, func(c fyne.CanvasObject) {
		if x, ok := c.(*canvas.Text); ok && strings.TrimSpace(x.Text) != "" {
			pos := d.AbsolutePositionForObject(x)
			out = append(out, drawnText{text: x.Text, size: x.TextSize, x: pos.X, w: x.MinSize().Width,
				bottom: pos.Y + x.Size().Height})
		}
	})
	return out
}

// sizeOf is the type of the first text drawn that starts with prefix.
func sizeOf(t *testing.T, texts []drawnText, prefix string) float32 {
	t.Helper()
	for _, x := range texts {
		if strings.HasPrefix(x.text, prefix) {
			return x.size
		}
	}
	t.Fatalf("the projector draws no %q among %v", prefix, texts)
	return 0
}

func saveShot(t *testing.T, w fyne.Window, name string) {
	if shots == "" {
		return
	}
	f, err := os.Create(filepath.Join(shots, name))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if err := png.Encode(f, w.Canvas().Capture()); err != nil {
		t.Fatal(err)
	}
}

func TestProjectorF5ShowsTheResultAndKeepsTheFocus(t *testing.T) {
	e := newEnv(t, setup{demo: true, operator: "Lucia Ferri"})
	m, p := projectorWithResult(t, e)
	if p.mode != projResult || !hasText(p.content, "Approvata") {
		t.Errorf("after one F5 the projector shows mode %d, %q; want the result just closed", p.mode, texts(p.content))
	}
	if got := e.ui.win.Canvas().Focused(); got != m.reg.checkin {
		t.Errorf("after F5 the meeting window's focus is on %T, want the check-in box", got)
	}
	// Opened already: the next vote's result comes at the first press too.
	m.reg.checkin.TypedKey(&fyne.KeyEvent{Name: fyne.KeyF5}) // the item
	if p.mode != projItem {
		t.Fatalf("F5 on a result shown goes to mode %d, want the item", p.mode)
	}
	e.ui.win.Canvas().Focus(m.notes)
	m.notes.TypedKey(&fyne.KeyEvent{Name: fyne.KeyF5})
	if got := e.ui.win.Canvas().Focused(); got != m.notes {
		t.Errorf("after F5 in the notes the focus is on %T", got)
	}
	if p.mode != projQuorum {
		t.Errorf("F5 on the item goes to mode %d, want the quorum", p.mode)
	}
}

func TestProjectorTypeScalesAndWraps(t *testing.T) {
	e := newEnv(t, setup{demo: true, operator: "Lucia Ferri"})
	m, p := projectorWithResult(t, e)
	for _, size := range []fyne.Size{{Width: 1280, Height: 720}, {Width: 1920, Height: 1080}, {Width: 1024, Height: 640}} {
		p.win.Resize(size)
		name := fmt.Sprintf("%.0fx%.0f", size.Width, size.Height)
		t.Run(name, func(t *testing.T) {
			saveShot(t, p.win, "result-"+name+".png")
			d := drawn(p.content)
			h := size.Height
			t.Logf("outcome %.1f%%, verdict %.1f%%, subject %.1f%% of %.0f px", sizeOf(t, d, "Approvata a ")/h*100,
				sizeOf(t, d, "Approvata")/h*100, sizeOf(t, d, "Approvazione")/h*100, h)
			if r := sizeOf(t, d, "Approvata a ") / h; r < 0.06 {
				t.Errorf("the outcome is %.1f%% of the height, want at least 6%%", r*100)
			}
			if r := sizeOf(t, d, "Approvata") / h; r < 0.1 {
				t.Errorf("the verdict is %.1f%% of the height, want at least 10%%", r*100)
			}
			var verdict *widget.Label
			walk(p.content, func(o fyne.CanvasObject) {
				if l, ok := o.(*widget.Label); ok && l.Text == "Approvata" {
					verdict = l
				}
			})
			if verdict == nil || verdict.Importance != widget.SuccessImportance {
				t.Errorf("the verdict is not drawn in the success colour")
			}
			low := float32(0)
			for _, x := range d {
				low = max(low, x.bottom)
				if x.x+x.w > size.Width+1 {
					t.Errorf("%q ends at %.0f, past the window's %.0f px", x.text, x.x+x.w, size.Width)
				}
			}
			if low < h*0.8 {
				t.Errorf("the lowest text ends at %.0f of %.0f px: the bottom of the screen stays empty", low, h)
			}
		})
	}
	// Narrow: the result wraps, nothing runs past the edge.
	p.win.Resize(fyne.NewSize(380, 720))
	saveShot(t, p.win, "result-380x720.png")
	for _, x := range drawn(p.content) {
		if x.x+x.w > 381 {
			t.Errorf("at 380 px %q ends at %.0f", x.text, x.x+x.w)
		}
	}
	m.reg.checkin.TypedKey(&fyne.KeyEvent{Name: fyne.KeyF5}) // the item
	m.d.Agenda[m.currentIndex()].Spent = 12 * time.Minute
	p.update()
	for _, size := range []fyne.Size{{Width: 380, Height: 720}, {Width: 1280, Height: 720}} {
		p.win.Resize(size)
		name := fmt.Sprintf("%.0fx%.0f", size.Width, size.Height)
		saveShot(t, p.win, "item-"+name+".png")
		if !hasText(p.content, "12 min") {
			t.Errorf("the time on the item reads %q, want 12 min", texts(p.content))
		}
		if w := p.content.MinSize().Width; w > size.Width {
			t.Errorf("at %v the projector needs %.0f px", size, w)
		}
		for _, x := range drawn(p.content) {
			if x.x+x.w > size.Width+1 {
				t.Errorf("at %v %q ends at %.0f, past the window", size, x.text, x.x+x.w)
			}
		}
	}
	// Who has the floor, and for how long, under the item.
	var speaker string
	for _, l := range m.d.Register {
		if l.SeatID != "" && l.PersonID != "" {
			speaker = l.PersonName
		}
	}
	m.reg.checkin.SetText("")
	test.Type(m.reg.checkin, data.Fold(speaker))
	m.reg.checkin.TypedKey(&fyne.KeyEvent{Name: fyne.KeyF9})
	m.reg.checkin.TypedKey(&fyne.KeyEvent{Name: fyne.KeyF10})
	if !hasText(p.content, "Interviene") {
		t.Errorf("with someone speaking the projector shows %q", texts(p.content))
	}
	saveShot(t, p.win, "item-speaker-1280x720.png")
	m.reg.checkin.TypedKey(&fyne.KeyEvent{Name: fyne.KeyF5}) // the quorum
	p.win.Resize(fyne.NewSize(1280, 720))
	saveShot(t, p.win, "quorum-1280x720.png")
}
