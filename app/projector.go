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
	"github.com/tavoli/tavoli/data/vote"
)

// projector is the second window for a wall screen: large type, high contrast, nothing editable. It
// shows the current agenda item and the time on it, the running quorum, or the last vote's result,
// and follows the meeting screen. Fyne cannot choose a monitor: it opens windowed, to be dragged onto
// the projector, where F11 makes it full screen.
type projector struct {
	m       *meetingScreen
	win     fyne.Window
	title   *widget.Label
	big     *widget.Label
	lines   *fyne.Container
	mode    int // what it shows: projItem, projQuorum, projResult
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
	projYes        = color.NRGBA{R: 0x5c, G: 0xd6, B: 0x8a, A: 0xff}
	projNo         = color.NRGBA{R: 0xff, G: 0x6b, B: 0x6b, A: 0xff}
	projBar        = color.NRGBA{R: 0x4d, G: 0xa3, B: 0xff, A: 0xff}
)

// projectorTheme is the app's theme in large type on a dark ground, whatever the system's variant:
// readable from the back of a hall.
type projectorTheme struct{ fyne.Theme }

// Color gives a dark background and white text.
func (t projectorTheme) Color(n fyne.ThemeColorName, v fyne.ThemeVariant) color.Color {
	switch n {
	case theme.ColorNameBackground:
		return projBackground
	case theme.ColorNameForeground:
		return projText
	}
	return t.Theme.Color(n, theme.VariantDark)
}

// Size makes the text large.
func (t projectorTheme) Size(n fyne.ThemeSizeName) float32 {
	switch n {
	case theme.SizeNameText:
		return 34
	case theme.SizeNameSubHeadingText:
		return 44
	case theme.SizeNameHeadingText:
		return 60
	}
	return t.Theme.Size(n)
}

// toggleProjector opens the projector window (F5), or, when it is open, shows the next view: the item,
// the quorum, the last result.
func (m *meetingScreen) toggleProjector() {
	if m.proj == nil {
		m.proj = newProjector(m)
		m.proj.win.Show()
	} else {
		m.proj.mode = (m.proj.mode + 1) % 3
		if m.proj.mode == projResult && m.lastVote == "" {
			m.proj.mode = projItem
		}
	}
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
	p := &projector{m: m, win: m.ui.app.NewWindow(lang.L("projector.title"))}
	p.title = widget.NewLabel("")
	p.title.Wrapping = fyne.TextWrapWord
	p.big = widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	p.big.Wrapping = fyne.TextWrapWord
	p.big.SizeName = theme.SizeNameHeadingText
	p.lines = container.NewVBox()
	p.content = container.NewThemeOverride(container.NewStack(canvas.NewRectangle(projBackground),
		container.NewPadded(container.NewVBox(p.title, p.big, p.lines))), projectorTheme{Theme: m.ui.app.Settings().Theme()})
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

// projLine is a line of the projector: wrapped text in the theme's large type, or a verdict in its
// colour (green or red).
func projLine(s string, c color.Color) fyne.CanvasObject {
	if c == projText {
		l := widget.NewLabel(s)
		l.Wrapping = fyne.TextWrapWord
		return l
	}
	t := canvas.NewText(s, c)
	t.TextSize = 44
	t.TextStyle = fyne.TextStyle{Bold: true}
	return t
}

// update redraws what the projector shows from the meeting screen.
func (p *projector) update() {
	m := p.m
	d := m.d
	p.title.SetText(d.Body.Name + " · " + formatDay(d.Session.Date))
	p.lines.Objects = nil
	switch p.mode {
	case projQuorum:
		q := vote.CheckQuorum(d.Body.Rules, d.Session.Call, d.VoteSeats(), data.PresentSeats(d.Register, time.Time{}))
		p.big.SetText(lang.L("register.heads", map[string]any{"present": q.Present, "seats": q.Seats}))
		verdict, c := lang.L("register.quorum_yes"), projYes
		if !q.Holds {
			verdict, c = lang.L("register.quorum_no"), projNo
		}
		p.lines.Add(projLine(verdict, c))
		p.lines.Add(projLine(quorumSentence(q), projText))
	case projResult:
		v, err := m.voteByID(m.lastVote)
		if err != nil {
			p.mode = projItem
			p.update()
			return
		}
		o := m.outcomeOf(v)
		p.big.SetText(v.Subject)
		p.lines.Add(projLine(o.sentence, projText))
		for _, b := range o.bars {
			p.lines.Add(projBarRow(b))
		}
	default:
		it, ok := m.currentItem()
		if !ok {
			p.big.SetText(lang.L("meeting.no_item"))
			break
		}
		p.big.SetText(fmt.Sprintf("%d. %s", m.currentIndex()+1, it.Title))
		s := m.spent(it)
		p.lines.Add(projLine(fmt.Sprintf("%d:%02d", int(s.Hours()), int(s.Minutes())%60), projText))
	}
	p.content.Refresh() // the large type reaches the lines just added
}

// projBarRow is a result bar in large type: the label, a bar as long as its share, the figure.
func projBarRow(b bar) fyne.CanvasObject {
	rect := canvas.NewRectangle(projBar)
	w := float32(600 * b.share)
	rect.SetMinSize(fyne.NewSize(max(w, 2), 32))
	label := widget.NewLabel(b.label)
	label.Truncation = fyne.TextTruncateEllipsis
	return container.NewBorder(nil, nil, container.NewGridWrap(fyne.NewSize(380, 56), label), nil,
		container.NewHBox(container.NewCenter(rect), widget.NewLabel(b.value)))
}
