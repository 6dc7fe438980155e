// The projector window: agenda item, quorum or last result in large type for a wall screen.

package app

import (
	"fmt"
	"image/color"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/tavoli/tavoli/data"
	"github.com/tavoli/tavoli/data/italian"
	"github.com/tavoli/tavoli/data/vote"
)

// projector is the second window for a wall screen: large type, high contrast, nothing editable. It
// shows the current agenda item and the time on it, the running quorum, or the last vote's result,
// and follows the meeting screen. Fyne cannot choose a monitor: it opens windowed, to be dragged onto
// the projector, where F11 makes it full screen. It never takes the keyboard from the meeting window.
type projector struct {
	m       *meetingScreen
	win     fyne.Window
	th      *projectorTheme
	title   *widget.Label // the body and the day
	big     *widget.Label // the item, the heads present, the subject of the vote
	verdict *widget.Label // "Approvata" in green, "Respinta" in red, the time on the item
	lines   *fyne.Container
	bars    *fyne.Container
	mode    int    // what it shows: projItem, projQuorum, projResult
	shown   string // the vote whose result it showed last
	itemID  string // the item it showed last
	content fyne.CanvasObject
}

// What the projector shows.
const (
	projItem = iota
	projQuorum
	projResult
)

var (
	projBackground = color.NRGBA{R: 0x10, G: 0x14, B: 0x1c, A: 0xff}
	projText       = color.NRGBA{R: 0xff, G: 0xff, B: 0xff, A: 0xff}
	projBarColor   = color.NRGBA{R: 0x4d, G: 0xa3, B: 0xff, A: 0xff}
)

// Text sizes as shares of the projector's height: the outcome and the other lines are read from the
// back of a hall at 6.5%. When a long subject or many bars do not fit, the rest shrinks first (to
// squeezeMin of these sizes), then everything.
const (
	projCaption = 0.035 // the body and the day
	projLine    = 0.065 // the sentence of the outcome, the quorum
	projBarText = 0.060 // the bars' labels and figures
	projBig     = 0.075 // the item, the subject
	projVerdict = 0.120 // Approvata / Respinta, the time on the item
	squeezeMin  = 0.6
)

// sizeNameBar is the size of the bars' text, which gives way before the outcome's.
const sizeNameBar fyne.ThemeSizeName = "tavoliProjectorBar"

// projectorTheme is the app's theme on a dark ground, whatever the system's variant, with the type
// sized from the window: unit is the height the sizes are shares of, squeeze how much all but the
// outcome give way; both are set at each layout.
type projectorTheme struct {
	fyne.Theme
	unit, squeeze float32
}

// Color gives a dark background and white text; the rest (success green, error red) is the dark variant's.
func (t *projectorTheme) Color(n fyne.ThemeColorName, v fyne.ThemeVariant) color.Color {
	switch n {
	case theme.ColorNameBackground:
		return projBackground
	case theme.ColorNameForeground:
		return projText
	}
	return t.Theme.Color(n, theme.VariantDark)
}

// Size scales the text and the spaces around it with the window.
func (t *projectorTheme) Size(n fyne.ThemeSizeName) float32 {
	switch n {
	case theme.SizeNameCaptionText:
		return projCaption * t.unit * t.squeeze
	case theme.SizeNameText:
		return projLine * t.unit
	case sizeNameBar:
		return projBarText * t.unit * t.squeeze
	case theme.SizeNameSubHeadingText:
		return projBig * t.unit * t.squeeze
	case theme.SizeNameHeadingText:
		return projVerdict * t.unit * t.squeeze
	case theme.SizeNamePadding, theme.SizeNameLineSpacing:
		return 0.008 * t.unit
	case theme.SizeNameInnerPadding:
		return 0.012 * t.unit
	}
	return t.Theme.Size(n)
}

// toggleProjector opens the projector window (F5) without taking the keyboard from the meeting. A
// result closed since the projector last showed one comes first; otherwise each press shows the
// next view: the item, the quorum, the last result.
func (m *meetingScreen) toggleProjector() {
	fresh := m.lastVote != "" && (m.proj == nil || m.proj.shown != m.lastVote)
	switch {
	case m.proj == nil:
		m.proj = newProjector(m)
		if fresh {
			m.proj.mode = projResult
		}
		m.proj.update()
		m.proj.win.Show()
		m.ui.win.RequestFocus() // the facilitator keeps typing where they were
		return
	case fresh:
		m.proj.mode = projResult
	default:
		m.proj.mode = (m.proj.mode + 1) % 3
		if m.proj.mode == projResult && m.lastVote == "" {
			m.proj.mode = projItem
		}
	}
	m.proj.update()
}

// projectResult shows vote id on the projector, opening it when needed.
func (m *meetingScreen) projectResult(id string) {
	m.lastVote = id
	if m.proj == nil {
		m.toggleProjector()
		return
	}
	m.proj.mode = projResult
	m.proj.update()
}

// closeProjector closes the projector window with the meeting screen.
func (m *meetingScreen) closeProjector() {
	if m.proj != nil {
		m.proj.win.Close()
		m.proj = nil
	}
}

func newProjector(m *meetingScreen) *projector {
	p := &projector{m: m, win: m.ui.app.NewWindow(lang.L("projector.title")),
		th: &projectorTheme{Theme: m.ui.app.Settings().Theme(), unit: 640, squeeze: 1}}
	label := func(size fyne.ThemeSizeName, bold bool) *widget.Label {
		l := widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: bold})
		l.Wrapping = fyne.TextWrapWord
		l.SizeName = size
		return l
	}
	p.title = label(theme.SizeNameCaptionText, false)
	p.big = label(theme.SizeNameSubHeadingText, true)
	p.verdict = label(theme.SizeNameHeadingText, true)
	p.lines = container.NewVBox()
	p.bars = container.New(&projBarsLayout{th: p.th})
	body := container.New(&projLayout{p: p}, p.title, p.big, p.verdict, p.lines, p.bars)
	p.content = container.NewThemeOverride(container.NewStack(canvas.NewRectangle(projBackground), body), p.th)
	p.win.SetContent(p.content)
	p.win.Resize(fyne.NewSize(1024, 640))
	p.win.Canvas().SetOnTypedKey(func(k *fyne.KeyEvent) {
		switch k.Name {
		case fyne.KeyF11:
			p.win.SetFullScreen(!p.win.FullScreen())
		case fyne.KeyEscape:
			p.win.SetFullScreen(false)
		case fyne.KeyF5, fyne.KeySpace:
			m.toggleProjector()
		}
	})
	p.win.SetOnClosed(func() { m.proj = nil })
	return p
}

// projTextLine is a line of the projector in its large type, wrapped at the window's width.
func projTextLine(s string) *widget.Label {
	l := widget.NewLabel(s)
	l.Wrapping = fyne.TextWrapWord
	return l
}

// minutes writes a time on an item as a room reads it: "12 min", "1 h 05 min".
func minutes(d time.Duration) string {
	n := int(d.Minutes())
	if n < 60 {
		return lang.L("projector.minutes", map[string]any{"min": n})
	}
	return lang.L("projector.hours", map[string]any{"h": n / 60, "min": fmt.Sprintf("%02d", n%60)})
}

// update redraws what the projector shows from the meeting screen.
func (p *projector) update() {
	m := p.m
	d := m.d
	p.title.SetText(d.Body.Name + " · " + italian.Day(d.Session.Date))
	p.lines.Objects = nil
	p.bars.Objects = nil
	p.verdict.Importance = widget.MediumImportance
	p.verdict.SetText("")
	it, ok := m.currentItem()
	if ok && it.ID != p.itemID {
		if p.itemID != "" && p.mode == projResult {
			p.mode = projItem // the meeting moved on: so does the wall
		}
		p.itemID = it.ID
	}
	switch p.mode {
	case projQuorum:
		q := vote.CheckQuorum(d.Body.Rules, d.Session.Call, d.VoteSeats(), data.PresentSeats(d.Register, time.Time{}))
		p.big.SetText(lang.L("register.heads", map[string]any{"present": q.Present, "seats": q.Seats}))
		p.verdict.Importance = widget.SuccessImportance
		p.verdict.Text = lang.L("register.quorum_yes")
		if !q.Holds {
			p.verdict.Importance = widget.DangerImportance
			p.verdict.Text = lang.L("register.quorum_no")
		}
		p.lines.Add(projTextLine(quorumSentence(q)))
	case projResult:
		v, err := m.voteByID(m.lastVote)
		if err != nil {
			p.mode = projItem
			p.update()
			return
		}
		p.shown = v.ID
		o := m.outcomeOf(v)
		p.big.SetText(v.Subject)
		switch o.result {
		case vote.OutcomeApproved:
			p.verdict.Importance, p.verdict.Text = widget.SuccessImportance, lang.L("projector.approved")
		case vote.OutcomeRejected, vote.OutcomeTied:
			p.verdict.Importance, p.verdict.Text = widget.DangerImportance, lang.L("projector.rejected")
		case vote.OutcomeNoQuorum:
			p.verdict.Importance, p.verdict.Text = widget.DangerImportance, lang.L("projector.void")
		}
		p.lines.Add(projTextLine(o.sentence))
		for _, b := range o.bars {
			p.bars.Add(projBarRow(b))
		}
	default:
		if !ok {
			p.big.SetText(lang.L("meeting.no_item"))
			break
		}
		p.big.SetText(lang.L("projector.item", map[string]any{"n": m.currentIndex() + 1, "title": it.Title}))
		p.verdict.Text = minutes(m.spent(it))
		p.addSpeaker()
	}
	p.content.Refresh() // the large type reaches the lines just added
}

// addSpeaker adds who has the floor and for how long, in red past the body's limit.
func (p *projector) addSpeaker() {
	if p.m.speakers == nil {
		return
	}
	for _, sp := range p.m.speakers.item() {
		if !sp.Speaking() {
			continue
		}
		text, over := p.m.speakers.time(p.m.ui.now())
		l := projTextLine(lang.L("projector.speaking", map[string]any{"name": sp.Speaker.Prose(), "time": text}))
		if over {
			l.Importance = widget.DangerImportance
		}
		p.lines.Add(l)
	}
}

// projBar is a result bar of the projector: the label (wrapped), a bar as long as its share, the figure.
type projBar struct {
	label, value *widget.Label
	rect         *canvas.Rectangle
	share        float32
}

// projBarRow makes the row of bar b.
func projBarRow(b bar) fyne.CanvasObject {
	r := &projBar{label: projTextLine(b.label), value: widget.NewLabelWithStyle(b.value, fyne.TextAlignLeading,
		fyne.TextStyle{Bold: true}), rect: canvas.NewRectangle(projBarColor), share: float32(b.share)}
	r.label.SizeName, r.value.SizeName = sizeNameBar, sizeNameBar
	return container.New(r, r.label, r.rect, r.value)
}

// MinSize is the height of the label at the width it was given.
func (r *projBar) MinSize([]fyne.CanvasObject) fyne.Size {
	return fyne.NewSize(r.value.MinSize().Width*3, max(r.label.MinSize().Height, r.value.MinSize().Height))
}

// Layout gives the label 40% of the width, the bar the room left after the figure, centred on the row.
func (r *projBar) Layout(_ []fyne.CanvasObject, size fyne.Size) {
	lw := size.Width * 0.4
	r.label.Resize(fyne.NewSize(lw, r.label.MinSize().Height))
	r.label.Resize(fyne.NewSize(lw, r.label.MinSize().Height))
	r.label.Move(fyne.NewPos(0, (size.Height-r.label.Size().Height)/2))
	vs := r.value.MinSize()
	room := max(size.Width-lw-vs.Width-2*theme.Padding(), 0)
	w := max(room*r.share, 2)
	h := min(size.Height*0.6, vs.Height)
	r.rect.Resize(fyne.NewSize(w, h))
	r.rect.Move(fyne.NewPos(lw+theme.Padding(), (size.Height-h)/2))
	r.value.Resize(vs)
	r.value.Move(fyne.NewPos(lw+2*theme.Padding()+w, (size.Height-vs.Height)/2))
}

// projBarsLayout shares the height it is given among the bars.
type projBarsLayout struct{ th *projectorTheme }

// MinSize is the rows' heights.
func (l *projBarsLayout) MinSize(objs []fyne.CanvasObject) fyne.Size {
	var s fyne.Size
	for _, o := range objs {
		m := o.MinSize()
		s = fyne.NewSize(max(s.Width, m.Width), s.Height+m.Height)
	}
	return s
}

// Layout gives each bar an equal share of the height.
func (l *projBarsLayout) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	if len(objs) == 0 {
		return
	}
	h := size.Height / float32(len(objs))
	for i, o := range objs {
		o.Resize(fyne.NewSize(size.Width, h))
		o.Move(fyne.NewPos(0, float32(i)*h))
	}
}

// projLayout fills the projector: the type is sized from the window (smaller when the window is
// narrower than 4:3, and again until everything fits), the blocks stack from the top at the
// window's width and the bars take the height left; without bars the blocks are spread over it.
// Its minimum is small, so the projector never grows past its screen.
type projLayout struct {
	p *projector
}

// MinSize is small: the type shrinks to the window, not the window grows to the type.
func (l *projLayout) MinSize([]fyne.CanvasObject) fyne.Size { return fyne.NewSize(320, 200) }

// Layout sizes the type for size and places the blocks.
func (l *projLayout) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	margin := size.Height * 0.025
	inner := fyne.NewSize(size.Width-2*margin, size.Height-2*margin)
	blocks, fill := objs[:len(objs)-1], objs[len(objs)-1].(*fyne.Container)
	unit, squeeze := min(size.Height, size.Width*0.75), float32(1)
	var heights []float32
	var used float32
	for try := 0; try < 8; try++ {
		l.setUnit(unit, squeeze)
		heights, used = heights[:0], 0
		for _, o := range blocks {
			h := float32(0)
			if o.Visible() && !empty(o) {
				h = heightAt(o, inner.Width)
			}
			heights = append(heights, h)
			used += h
		}
		need := used
		for _, o := range fill.Objects {
			need += heightAt(o, inner.Width)
		}
		if need <= inner.Height {
			break
		}
		if squeeze > squeezeMin {
			squeeze = max(squeezeMin, squeeze*inner.Height/need*0.97)
		} else {
			unit *= inner.Height / need * 0.97
		}
	}
	gap := float32(0)
	if len(fill.Objects) == 0 && len(blocks) > 1 {
		gap = max(inner.Height-used, 0) / float32(len(blocks)-1)
	}
	y := margin
	for i, o := range blocks {
		o.Move(fyne.NewPos(margin, y))
		o.Resize(fyne.NewSize(inner.Width, heights[i]))
		if heights[i] > 0 {
			y += heights[i] + gap
		}
	}
	fill.Move(fyne.NewPos(margin, y))
	fill.Resize(fyne.NewSize(inner.Width, max(size.Height-margin-y, 0)))
}

// heightAt is the height o needs at width w: a wrapped label's lines at that width.
func heightAt(o fyne.CanvasObject, w float32) float32 {
	o.Resize(fyne.NewSize(w, max(o.Size().Height, 1)))
	return o.MinSize().Height
}

// setUnit sizes the type for a window of that height, redrawing the text when it changes.
func (l *projLayout) setUnit(unit, squeeze float32) {
	if l.p.th.unit == unit && l.p.th.squeeze == squeeze {
		return
	}
	l.p.th.unit, l.p.th.squeeze = unit, squeeze
	for _, o := range []fyne.CanvasObject{l.p.title, l.p.big, l.p.verdict, l.p.lines, l.p.bars} {
		o.Refresh()
	}
}

// empty reports whether o shows nothing: a label without text, a box without lines.
func empty(o fyne.CanvasObject) bool {
	switch x := o.(type) {
	case *widget.Label:
		return x.Text == ""
	case *fyne.Container:
		return len(x.Objects) == 0
	}
	return false
}
