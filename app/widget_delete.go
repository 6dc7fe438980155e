// Deleting a record with what depends on it, after a confirmation, with an undo.

package app

import (
	"strings"
	"time"

	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"github.com/tavoli/tavoli/data"
)

// confirmDelete says what deleting ref removes (name, and what goes with it), deletes it when the user
// confirms, and offers to undo in the status line. done runs after the deletion, restored after an undo.
func (ui *UI) confirmDelete(ref data.Ref, name string, done, restored func()) {
	var deps []data.Ref
	var err error
	ui.run(func() { deps, err = ui.store.Dependents(ui.ctx, ref) }, func() {
		if err != nil {
			ui.showError(err)
			return
		}
		msg := lang.L("delete.question", map[string]any{"name": name})
		if also := describeRefs(deps); also != "" {
			msg += "\n" + lang.L("delete.also", map[string]any{"list": also})
		}
		msg += "\n" + lang.L("delete.undo_hint")
		d := ui.confirm(lang.L("action.delete"), msg, lang.L("action.delete"), func() { ui.deleteNow(ref, name, done, restored) })
		d.SetConfirmImportance(widget.DangerImportance)
	})
}

// deleteNow deletes ref and offers the undo.
func (ui *UI) deleteNow(ref data.Ref, name string, done, restored func()) {
	var removed []data.Ref
	var err error
	ui.run(func() { removed, err = ui.store.Delete(ui.ctx, ref) }, func() {
		if err != nil {
			ui.showError(err)
			return
		}
		ui.saved()
		if done != nil {
			done()
		}
		ui.status.offerUndo(deletedLine(ref.Kind, name), func() {
			var rerr error
			ui.run(func() { rerr = ui.store.Restore(ui.ctx, removed) }, func() {
				if rerr != nil {
					ui.showError(rerr)
					return
				}
				ui.saved()
				if restored != nil {
					restored()
				}
			})
		})
	})
}

// deletedLine says in the status line what was deleted. Each kind has its own sentence, so that a
// language can name the kind and agree with it: in Italian «Proposta eliminata», «Comune eliminato».
func deletedLine(k data.Kind, name string) string {
	return lang.L("delete.done."+string(k), map[string]any{"name": name})
}

// describeRefs counts records by kind in words: "2 seggi, 1 appartenenza a un organo".
func describeRefs(refs []data.Ref) string {
	counts := map[data.Kind]int{}
	var order []data.Kind
	for _, r := range refs {
		if counts[r.Kind] == 0 {
			order = append(order, r.Kind)
		}
		counts[r.Kind]++
	}
	var parts []string
	for _, k := range order {
		parts = append(parts, lang.N("kind."+string(k), counts[k], map[string]any{"n": counts[k]}))
	}
	return strings.Join(parts, ", ")
}

// undoWindow is how long the status line offers to undo a deletion.
const undoWindow = 20 * time.Second
