// Reading a bundle once, previewing what merging it would do, and merging it when confirmed.

package app

import (
	"path/filepath"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/tavoli/tavoli/app/i18n"
	"github.com/tavoli/tavoli/data"
	"github.com/tavoli/tavoli/data/bundle"
	"github.com/tavoli/tavoli/data/italian"
)

// importPanel reads a bundle once, shows what merging it would do, and merges it when confirmed. The
// bundle read for the preview is the one merged: the file is not read (nor the passphrase's key
// derived) twice, and what is merged is what was shown.
type importPanel struct {
	s       *exchangeScreen
	content fyne.CanvasObject

	path       *shortcutEntry
	browse     *widget.Button
	pass       *shortcutEntry
	previewBtn *widget.Button
	errs       *errorLine
	status     *widget.Label
	preview    *fyne.Container
	apply      *widget.Button
	cancel     *widget.Button
	conflicts  *widget.Button // after a merge that set versions aside: go and review them

	in   *bundle.Incoming // the bundle previewed; nil when there is no preview
	file string           // the file it was read from
	res  data.ImportResult
	seq  int
	busy bool
}

func newImportPanel(s *exchangeScreen) *importPanel {
	p := &importPanel{s: s, errs: newErrorLine(), preview: container.NewVBox()}
	p.path = newShortcutEntry()
	p.path.SetPlaceHolder(lang.L("exchange.import.file_hint"))
	p.path.OnChanged = func(string) { p.drop() }
	p.path.OnSubmitted = func(string) { p.s.ui.win.Canvas().Focus(p.pass) }
	p.browse = widget.NewButtonWithIcon(lang.L("exchange.import.browse"), theme.FolderOpenIcon(), p.askFile)
	p.pass = newShortcutEntry()
	p.pass.Password = true
	p.pass.SetPlaceHolder(lang.L("exchange.import.pass_hint"))
	p.pass.OnChanged = func(string) { p.drop() }
	p.pass.OnSubmitted = func(string) { p.showPreview() }
	p.previewBtn = widget.NewButtonWithIcon(lang.L("exchange.import.preview"), theme.VisibilityIcon(), p.showPreview)
	p.previewBtn.Importance = widget.HighImportance
	p.status = widget.NewLabel("")
	p.status.Wrapping = fyne.TextWrapWord
	p.status.Hide()
	p.apply = widget.NewButtonWithIcon(lang.L("exchange.import.apply"), theme.DownloadIcon(), p.merge)
	p.apply.Importance = widget.HighImportance
	p.cancel = widget.NewButtonWithIcon(lang.L("Cancel"), theme.CancelIcon(), func() {
		p.drop()
		p.s.ui.win.Canvas().Focus(p.path)
	})
	p.conflicts = widget.NewButtonWithIcon("", theme.WarningIcon(), func() { p.s.showTab(exchangeConflictsTab) })
	p.conflicts.Importance = widget.WarningImportance
	p.conflicts.Hide()
	form := widget.NewForm(
		widget.NewFormItem(lang.L("exchange.import.file"), container.NewBorder(nil, nil, nil, p.browse, p.path)),
		widget.NewFormItem(lang.L("exchange.import.pass"), p.pass))
	box := container.NewVBox(form, container.NewHBox(p.previewBtn), p.errs.box, p.status,
		container.NewHBox(p.conflicts), p.preview)
	p.content = container.NewVScroll(container.NewPadded(box))
	return p
}

// focus puts the cursor in the file's box, or in the passphrase once a file is chosen.
func (p *importPanel) focus() {
	if strings.TrimSpace(p.path.Text) != "" && p.in == nil {
		p.s.ui.win.Canvas().Focus(p.pass)
		return
	}
	p.s.ui.win.Canvas().Focus(p.path)
}

// askFile shows the open dialog for .tavoli files on the last folder used.
func (p *importPanel) askFile() {
	p.s.ui.askOpen([]string{".tavoli"}, p.s.ui.startIn, p.choose)
}

// choose takes the file chosen and asks for its passphrase.
func (p *importPanel) choose(path string) {
	p.path.SetText(path)
	p.s.ui.win.Canvas().Focus(p.pass)
}

// drop forgets the preview: the file or the passphrase changed, or the user cancelled.
func (p *importPanel) drop() {
	if p.busy {
		return
	}
	p.seq++
	p.in, p.file, p.res = nil, "", data.ImportResult{}
	p.preview.Objects = nil
	p.preview.Refresh()
	p.errs.set("")
	p.status.Hide()
	p.conflicts.Hide()
}

// showPreview reads and verifies the bundle (about a second when it is encrypted), then asks the
// store what merging it would do, writing nothing.
func (p *importPanel) showPreview() {
	path := strings.TrimSpace(p.path.Text)
	if p.busy {
		return
	}
	if path == "" {
		p.errs.set(lang.L("exchange.import.no_file"))
		p.s.ui.win.Canvas().Focus(p.path)
		return
	}
	p.drop()
	ui := p.s.ui
	st, ctx := ui.store, ui.ctx
	pass := p.pass.Text
	p.setBusy(true, lang.L("exchange.import.reading"))
	seq := p.seq
	var in *bundle.Incoming
	var res data.ImportResult
	var err error
	ui.run(func() {
		if in, err = bundle.ReadFile(path, bundle.ReadOptions{Passphrase: pass, MaxSchema: st.Schema()}); err == nil {
			res, err = st.MergeBundle(ctx, in, bundle.ImportOptions{DryRun: true, File: path})
		}
	}, func() {
		p.setBusy(false, "")
		if seq != p.seq {
			return
		}
		if err != nil {
			p.errs.set(i18n.Explain(err))
			if data.IsCode(err, data.EPassphrase) {
				p.pass.TypedShortcut(&fyne.ShortcutSelectAll{})
				ui.win.Canvas().Focus(p.pass)
			}
			return
		}
		p.in, p.file, p.res = in, path, res
		p.showResult()
		if res.OtherAmbito {
			ui.win.Canvas().Focus(p.cancel) // nothing to import here: see showResult
		} else {
			ui.win.Canvas().Focus(p.apply)
		}
	})
}

// setBusy says that the bundle is being read or merged, and keeps the buttons from starting another.
func (p *importPanel) setBusy(on bool, msg string) {
	p.busy = on
	setEnabled(!on, p.previewBtn, p.browse, p.apply, p.cancel)
	if on {
		p.status.SetText(msg)
		p.status.Importance = widget.MediumImportance
		p.status.Show()
	} else {
		p.status.Hide()
	}
	if !on {
		p.showButtons()
	}
}

// showResult draws the preview: who sent the bundle, from which Ambito and when, how it is protected,
// what merging it does in a sentence with the buttons under it, then the counts for each kind of record.
func (p *importPanel) showResult() {
	ui := p.s.ui
	r := p.res
	var objs []fyne.CanvasObject
	line := func(text string, imp widget.Importance, bold bool) {
		l := widget.NewLabel(text)
		l.Wrapping = fyne.TextWrapWord
		l.Importance = imp
		l.TextStyle.Bold = bold
		objs = append(objs, l)
	}
	objs = append(objs, widget.NewSeparator(), heading(lang.L("exchange.import.preview_title")))
	if r.OtherAmbito {
		// Another Ambito's records never go into this database (they would duplicate its areas, bodies
		// and people): the preview says so first, and how to keep them apart.
		line(lang.L("exchange.import.other_ambito", map[string]any{"name": r.AmbitoName, "here": ui.ambito.Title(),
			"file": p.file}), widget.DangerImportance, true)
	}
	content := lang.N("exchange.import.content_changes", r.Records, map[string]any{"n": italian.Int(r.Records)})
	if r.Everything {
		content = lang.N("exchange.import.content_all", r.Records, map[string]any{"n": italian.Int(r.Records)})
	}
	line(strings.Join([]string{
		lang.L("exchange.import.sender", map[string]any{"name": ui.peerName(r.Sender, r.SenderName),
			"device": p.deviceText(r.Sender)}),
		lang.L("exchange.import.created", map[string]any{"date": italian.Day(r.Created), "time": italian.Clock(r.Created)}),
		lang.L("exchange.import.ambito", map[string]any{"name": r.AmbitoName}),
		content}, "\n"), widget.MediumImportance, false)
	if r.Encrypted {
		line(lang.L("exchange.import.encrypted"), widget.MediumImportance, false)
	} else {
		line(lang.L("exchange.import.plain"), widget.WarningImportance, false)
	}
	if r.Seen {
		line(lang.L("exchange.import.seen"), widget.WarningImportance, true)
	}
	total := r.Total()
	if total.Writes() == 0 {
		line(lang.L("exchange.import.nothing_new"), widget.MediumImportance, true)
	} else {
		line(lang.L("exchange.import.total", map[string]any{"changes": countChanges(total, false)}),
			widget.MediumImportance, true)
	}
	for _, j := range r.Joined {
		line(lang.L("exchange.import.joined."+string(j.Kind), map[string]any{"name": j.LoserName, "into": j.SurvivorName}),
			widget.MediumImportance, false)
	}
	if len(r.Revived) > 0 {
		line(lang.L("exchange.import.revived", map[string]any{"what": describeRefs(r.Revived)}),
			widget.MediumImportance, false)
	}
	if total.Conflicts > 0 && total.Conflicts*2 > records(total) {
		line(lang.L("exchange.import.many_conflicts"), widget.WarningImportance, false)
	}
	objs = append(objs, container.NewHBox(p.apply, p.cancel), widget.NewSeparator())
	objs = append(objs, changesTable(r.Kinds)...)
	legend := widget.NewLabel(lang.L("exchange.import.legend"))
	legend.Wrapping = fyne.TextWrapWord
	legend.Importance = widget.LowImportance
	objs = append(objs, legend)
	p.preview.Objects = objs
	p.preview.Refresh()
	p.showButtons()
}

// deviceText names the sending computer: its computer name when this database knows it, and the
// start of its id.
func (p *importPanel) deviceText(id string) string {
	if d, ok := p.s.ui.devices[id]; ok && d.Name != "" {
		return d.Name + " · " + shortID(id)
	}
	return shortID(id)
}

// showButtons enables Importa when there is a preview of a bundle of this Ambito.
func (p *importPanel) showButtons() {
	setEnabled(p.in != nil && !p.busy && !p.res.OtherAmbito, p.apply)
}

// changesTable is the preview's table: one row per kind of record, with how many are new, updated,
// deleted, in conflict, locked or unchanged.
func changesTable(kinds []data.KindChanges) []fyne.CanvasObject {
	weights := []float32{4, 1.4, 1.4, 1.4, 1.4, 1.4, 1.4}
	row := func(cells []string, bold bool) fyne.CanvasObject {
		objs := make([]fyne.CanvasObject, len(cells))
		for i, c := range cells {
			l := widget.NewLabel(c)
			l.Truncation = fyne.TextTruncateEllipsis
			l.TextStyle.Bold = bold
			if i > 0 {
				l.Alignment = fyne.TextAlignTrailing
			}
			objs[i] = l
		}
		return container.New(&columnsLayout{weights}, objs...)
	}
	num := func(n int) string {
		if n == 0 {
			return "–"
		}
		return italian.Int(n)
	}
	out := []fyne.CanvasObject{row([]string{lang.L("exchange.col.kind"), lang.L("exchange.col.new"),
		lang.L("exchange.col.updated"), lang.L("exchange.col.deleted"), lang.L("exchange.col.conflicts"),
		lang.L("exchange.col.locked"), lang.L("exchange.col.unchanged")}, true), widget.NewSeparator()}
	var total data.KindChanges
	for _, k := range kinds {
		total = total.Add(k)
		out = append(out, row([]string{kindRecords(k.Kind, records(k)), num(k.New), num(k.Updated), num(k.Deleted),
			num(k.Conflicts), num(k.Locked), num(k.Unchanged)}, false))
	}
	out = append(out, widget.NewSeparator(), row([]string{lang.N("exchange.col.total", records(total),
		map[string]any{"n": italian.Int(records(total))}), num(total.New), num(total.Updated), num(total.Deleted),
		num(total.Conflicts), num(total.Locked), num(total.Unchanged)}, true))
	return out
}

// merge merges the bundle previewed, in one transaction, and reloads what the window shows.
func (p *importPanel) merge() {
	if p.in == nil || p.busy {
		return
	}
	if p.res.OtherAmbito {
		p.errs.set(lang.L("exchange.import.other_needed"))
		return
	}
	ui := p.s.ui
	st, ctx := ui.store, ui.ctx
	in, file := p.in, p.file
	opt := bundle.ImportOptions{File: file}
	p.errs.set("")
	p.setBusy(true, lang.L("exchange.import.merging"))
	var res data.ImportResult
	var err error
	ui.run(func() { res, err = st.MergeBundle(ctx, in, opt) }, func() {
		p.setBusy(false, "")
		if err != nil {
			p.errs.set(i18n.Explain(err))
			return
		}
		ui.app.Preferences().SetString(folderPref, filepath.Dir(file))
		p.done(res)
	})
}

// done says what the merge did, offers to review the versions it set aside, and reloads the window.
func (p *importPanel) done(res data.ImportResult) {
	ui := p.s.ui
	name := ui.peerName(res.Sender, res.SenderName)
	total := res.Total()
	changes := countChanges(total, false)
	msg := lang.L("exchange.import.done", map[string]any{"name": name, "changes": changes})
	if total.Writes() == 0 {
		msg = lang.L("exchange.import.done_nothing", map[string]any{"name": name})
	}
	p.pass.SetText("") // the passphrase is not kept once used
	p.drop()
	p.status.SetText(msg)
	p.status.Importance = widget.SuccessImportance
	p.status.Show()
	if n := total.Conflicts + total.Locked; n > 0 {
		p.conflicts.SetText(lang.N("exchange.import.review", n, map[string]any{"n": italian.Int(n)}))
		p.conflicts.Show()
		ui.win.Canvas().Focus(p.conflicts)
	}
	ui.status.say(msg)
	ui.reloadAfterImport()
	p.s.conf.pane.refresh()
	p.s.hist.pane.refresh()
	p.s.exp.refresh()
}
