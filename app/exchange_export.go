// Writing a bundle: everything, the changes since the last export, or the changes for one laptop.

package app

import (
	"os"
	"path/filepath"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/tavoli/tavoli/app/i18n"
	"github.com/tavoli/tavoli/data"
	"github.com/tavoli/tavoli/data/bundle"
	"github.com/tavoli/tavoli/data/italian"
)

// folderPref is the preference that remembers the folder of the last bundle written or read.
const folderPref = "lastBundleFolder"

// exportPanel writes a bundle: everything, the changes since the last export, or the changes for one
// peer; protected by a passphrase typed twice, or, after a warning, not at all.
type exportPanel struct {
	s       *exchangeScreen
	content fyne.CanvasObject
	box     *fyne.Container

	scope  *widget.RadioGroup
	scopes []exportScope // the choices the radio group offers, in order
	about  *widget.Label // what the choice exports
	pass   *shortcutEntry
	again  *shortcutEntry
	plain  *widget.Check
	warn   *widget.Label
	errs   *errorLine
	result *widget.Label
	button *widget.Button

	anyone data.Exchange // what a bundle for anyone would carry, and whose acknowledgement it starts at
	busy   bool

	// ask asks where to save the bundle (the save dialog) and calls write with the path; tests
	// replace it.
	ask func(name string, write func(path string))
}

// exportScope is one choice of what to export.
type exportScope struct {
	key  string // "all", "changes" or "peer"
	peer data.Peer
}

func newExportPanel(s *exchangeScreen) *exportPanel {
	p := &exportPanel{s: s, errs: newErrorLine()}
	p.ask = p.askPath
	p.scope = widget.NewRadioGroup(nil, func(string) { p.explain() })
	p.scope.Required = true
	p.about = widget.NewLabel("")
	p.about.Wrapping = fyne.TextWrapWord
	p.about.TextStyle.Italic = true
	p.pass = newShortcutEntry()
	p.pass.Password = true
	p.pass.SetPlaceHolder(lang.L("exchange.export.pass_hint", map[string]any{"n": bundle.MinPassphrase}))
	p.again = newShortcutEntry()
	p.again.Password = true
	p.again.SetPlaceHolder(lang.L("exchange.export.again_hint"))
	p.pass.OnSubmitted = func(string) { p.s.ui.win.Canvas().Focus(p.again) }
	p.again.OnSubmitted = func(string) { p.export() }
	p.warn = widget.NewLabel(lang.L("exchange.export.plain_warning"))
	p.warn.Wrapping = fyne.TextWrapWord
	p.warn.Importance = widget.DangerImportance
	p.warn.Hide()
	p.plain = widget.NewCheck(lang.L("exchange.export.plain"), func(on bool) {
		setEnabled(!on, p.pass, p.again)
		if on {
			p.warn.Show()
		} else {
			p.warn.Hide()
		}
		p.errs.set("")
		p.box.Refresh()
	})
	p.result = widget.NewLabel("")
	p.result.Wrapping = fyne.TextWrapWord
	p.result.Hide()
	p.button = widget.NewButtonWithIcon(lang.L("exchange.export.button"), theme.DocumentSaveIcon(), p.export)
	p.button.Importance = widget.HighImportance
	form := widget.NewForm(
		widget.NewFormItem(lang.L("exchange.export.pass"), p.pass),
		widget.NewFormItem(lang.L("exchange.export.again"), p.again))
	p.box = container.NewVBox(
		heading(lang.L("exchange.export.what")), p.scope, p.about,
		heading(lang.L("exchange.export.protection")), form, p.plain, p.warn,
		p.errs.box, container.NewHBox(p.button), p.result)
	p.content = container.NewVScroll(container.NewPadded(p.box))
	return p
}

// refresh reads the peers, with what each acknowledged, and where a bundle for anyone would start, and
// offers them as choices, keeping the one made.
func (p *exportPanel) refresh() {
	ui := p.s.ui
	st, ctx := ui.store, ui.ctx
	var peers []data.Peer
	var anyone data.Exchange
	var err error
	ui.run(func() {
		if peers, err = st.Peers(ctx); err == nil {
			anyone, err = st.ExportWindow(ctx, bundle.ExportOptions{})
		}
	}, func() {
		if err != nil {
			p.errs.set(i18n.Explain(err))
			return
		}
		p.anyone = anyone
		p.setScopes(peers)
	})
}

// setScopes fills the choice: everything, the changes, then one line per peer.
func (p *exportPanel) setScopes(peers []data.Peer) {
	was := p.chosen()
	p.scopes = []exportScope{{key: "all"}, {key: "changes"}}
	for _, peer := range peers {
		p.scopes = append(p.scopes, exportScope{key: "peer", peer: peer})
	}
	opts := make([]string, len(p.scopes))
	sel := 0
	seen := map[string]bool{}
	for i, sc := range p.scopes {
		opts[i] = p.scopeLabel(sc)
		if seen[opts[i]] { // two peers with the same name and dates: tell them apart
			opts[i] += " · " + shortID(sc.peer.Device)
		}
		seen[opts[i]] = true
		if sc.key == was.key && sc.peer.Device == was.peer.Device {
			sel = i
		}
	}
	p.scope.Options = opts
	p.scope.Selected = opts[sel]
	p.scope.Refresh()
	p.explain()
}

// scopeLabel is how a choice reads: "Tutto", "Per Mario Rossi (ha ricevuto …; ultima ricezione …)".
func (p *exportPanel) scopeLabel(sc exportScope) string {
	switch sc.key {
	case "all":
		return lang.L("exchange.export.all")
	case "changes":
		return lang.L("exchange.export.changes")
	}
	return lang.L("exchange.export.peer", map[string]any{"name": p.s.ui.peerName(sc.peer.Device, sc.peer.Name),
		"sent": whenOrNever(receivedWhen(sc.peer.Received)), "received": whenOrNever(sc.peer.LastImport)})
}

// receivedWhen dates the last bundle of this database a peer acknowledged: when it was written, or
// when the peer merged it if the bundle is not in this database's history.
func receivedWhen(r data.Receipt) time.Time {
	if !r.Acknowledged() {
		return time.Time{}
	}
	if !r.Sent.IsZero() {
		return r.Sent
	}
	return r.At
}

// whenOrNever writes a date and hour, or "mai".
func whenOrNever(t time.Time) string {
	if t.IsZero() {
		return lang.L("exchange.never")
	}
	return italian.DateTime(t)
}

// chosen is the choice made; everything when none.
func (p *exportPanel) chosen() exportScope {
	for i, o := range p.scope.Options {
		if o == p.scope.Selected && i < len(p.scopes) {
			return p.scopes[i]
		}
	}
	return exportScope{key: "all"}
}

// choose selects the i-th choice (0 everything, 1 the changes, 2… the peers).
func (p *exportPanel) choose(i int) {
	if i >= 0 && i < len(p.scope.Options) {
		p.scope.SetSelected(p.scope.Options[i])
	}
}

// explain says under the choice what it exports.
func (p *exportPanel) explain() {
	sc := p.chosen()
	var msg string
	switch sc.key {
	case "all":
		msg = lang.L("exchange.export.about_all")
	case "changes":
		from := p.anyone.From
		name := p.s.ui.peerName(from.Device, from.Name)
		when := receivedWhen(from.Received)
		switch {
		case from.Device == "":
			msg = lang.L("exchange.export.about_changes_first")
		case p.anyone.Everything:
			msg = lang.L("exchange.export.about_changes_unacked", map[string]any{"name": name})
		default:
			msg = lang.L("exchange.export.about_changes", map[string]any{"name": name, "date": italian.Day(when),
				"time": italian.Clock(when)})
		}
	default:
		name := p.s.ui.peerName(sc.peer.Device, sc.peer.Name)
		if when := receivedWhen(sc.peer.Received); when.IsZero() {
			msg = lang.L("exchange.export.about_peer_first", map[string]any{"name": name})
		} else {
			msg = lang.L("exchange.export.about_peer", map[string]any{"name": name, "date": italian.Day(when),
				"time": italian.Clock(when)})
		}
	}
	p.about.SetText(msg)
}

// focus puts the cursor in the passphrase, or on the choice when no passphrase is needed.
func (p *exportPanel) focus() {
	if p.plain.Checked {
		p.s.ui.win.Canvas().Focus(p.plain)
		return
	}
	p.s.ui.win.Canvas().Focus(p.pass)
}

// options are the export's options as the panel shows them.
func (p *exportPanel) options() bundle.ExportOptions {
	sc := p.chosen()
	opt := bundle.ExportOptions{Everything: sc.key == "all", NoEncryption: p.plain.Checked}
	if sc.key == "peer" {
		opt.Peer = sc.peer.Device
	}
	if !opt.NoEncryption {
		opt.Passphrase = p.pass.Text
	}
	return opt
}

// export checks the passphrase, warns about an export without one, then asks where to save.
func (p *exportPanel) export() {
	if p.busy {
		return
	}
	p.errs.set("")
	if !p.plain.Checked {
		// The rule is the domain's, shared with the command line.
		if err := bundle.CheckPassphrase(p.pass.Text); err != nil {
			p.refuse(i18n.Explain(err), p.pass)
			return
		}
		if p.again.Text != p.pass.Text {
			p.refuse(lang.L("exchange.export.mismatch"), p.again)
			return
		}
		p.ask(p.fileName(time.Now()), p.write)
		return
	}
	d := p.s.ui.confirm(lang.L("exchange.export.plain_title"), lang.L("exchange.export.plain_question"),
		lang.L("exchange.export.plain_confirm"), func() { p.ask(p.fileName(time.Now()), p.write) })
	d.SetConfirmImportance(widget.DangerImportance)
}

// refuse says why the export cannot start and puts the cursor where it can be put right.
func (p *exportPanel) refuse(msg string, where fyne.Focusable) {
	p.errs.set(msg)
	p.s.ui.win.Canvas().Focus(where)
}

// fileName is the name a bundle is offered under: tavoli-ambito-n-5-trasimeno-20270312-1502.tavoli.
func (p *exportPanel) fileName(now time.Time) string {
	name := "tavoli"
	if a := slug(p.s.ui.ambito.Title()); a != "" {
		name += "-" + a
	}
	return name + "-" + now.In(data.Zone).Format("20060102-1504") + ".tavoli"
}

// askPath shows the save dialog on the last folder used, offering name.
func (p *exportPanel) askPath(name string, write func(path string)) {
	p.s.ui.askSave(name, []string{".tavoli"}, p.s.ui.startIn, write)
}

// startIn opens a file dialog on the folder of the last bundle, when it still exists.
func (ui *UI) startIn(d *dialog.FileDialog) {
	dir := ui.app.Preferences().String(folderPref)
	if dir == "" {
		return
	}
	if l, err := storage.ListerForURI(storage.NewFileURI(dir)); err == nil {
		d.SetLocation(l)
	}
}

// write exports the bundle to path, off the UI goroutine, and says what it wrote.
func (p *exportPanel) write(path string) {
	ui := p.s.ui
	opt := p.options()
	st, ctx := ui.store, ui.ctx
	p.busy = true
	p.button.Disable()
	p.errs.set("")
	p.result.SetText(lang.L("exchange.export.working"))
	p.result.Importance = widget.MediumImportance
	p.result.Show()
	var ex data.Exchange
	var err error
	ui.run(func() {
		ex, err = st.ExportFile(ctx, path, opt)
		if err != nil {
			removeEmpty(path) // the save dialog made it; a failed export leaves nothing
		}
	}, func() {
		p.busy = false
		p.button.Enable()
		if err != nil {
			p.result.Hide()
			p.errs.set(i18n.Explain(err))
			return
		}
		ui.app.Preferences().SetString(folderPref, filepath.Dir(path))
		p.pass.SetText("")
		p.again.SetText("")
		p.result.SetText(p.describe(ex, path))
		p.result.Importance = widget.SuccessImportance
		p.result.Refresh()
		ui.status.say(lang.N("exchange.export.status", ex.Records, map[string]any{"n": italian.Int(ex.Records),
			"file": filepath.Base(path)}))
		p.refresh()
		p.s.hist.pane.refresh()
	})
}

// describe says what an export wrote and what to do next.
func (p *exportPanel) describe(ex data.Exchange, path string) string {
	what := lang.N("exchange.export.done", ex.Records, map[string]any{"n": italian.Int(ex.Records), "path": path})
	if ex.Records == 0 {
		what = lang.L("exchange.export.done_empty", map[string]any{"path": path})
	}
	if ex.Encrypted {
		return what + " " + lang.L("exchange.export.done_encrypted")
	}
	return what + " " + lang.L("exchange.export.done_plain")
}

// removeEmpty removes the empty file a save dialog created, when nothing was written into it.
func removeEmpty(path string) {
	if st, err := os.Stat(path); err == nil && st.Mode().IsRegular() && st.Size() == 0 {
		os.Remove(path)
	}
}
