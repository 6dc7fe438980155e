// A session's documents: which apply, how they are made and where they are saved.

package app

import (
	"context"
	"strconv"
	"strings"

	"fyne.io/fyne/v2/lang"

	"github.com/tavoli/tavoli/app/report"
	"github.com/tavoli/tavoli/data"
	"github.com/tavoli/tavoli/data/atomicfile"
)

// DocKind is a document a session gives (report.DocKind).
type DocKind = report.DocKind

// The session's documents.
const (
	docConvocazione = report.DocConvocazione
	docPresenze     = report.DocPresenze
	docVerbale      = report.DocVerbale
	docCalendar     = report.DocCalendar
	// docVerbalePublication is the verbale's copy for the albo pretorio, offered as
	// verbale-pubblicazione-tavolo-anziani-2027-03-12.pdf.
	docVerbalePublication = report.DocVerbalePublication
)

// DocumentStore is what making a session's documents reads.
type DocumentStore = report.DocumentStore

// RenderDocument makes a session's document from its dossier (report.RenderDocument).
func RenderDocument(ctx context.Context, st DocumentStore, sessionID string, kind DocKind) ([]byte, error) {
	b, _, err := report.RenderDocument(ctx, st, sessionID, kind)
	return b, err
}

// documentName is the file name a document is offered under: verbale-tavolo-anziani-2027-03-12.pdf.
func documentName(kind DocKind, d data.Dossier) string {
	ext := ".pdf"
	if kind == docCalendar {
		ext = ".ics"
	}
	name := string(kind)
	if kind == docCalendar {
		name = "seduta"
	}
	if b := slug(d.Body.Name); b != "" {
		name += "-" + b
	}
	return name + "-" + d.Session.Date.In(data.Zone).Format("2006-01-02") + ext
}

// resultsName is the name a vote's results PDF is offered under, with the vote's number in its session:
// risultati-tavolo-dei-sindaci-2026-02-12-votazione-2.pdf.
func resultsName(d data.Dossier, voteID string) string {
	name := "risultati"
	if b := slug(d.Body.Name); b != "" {
		name += "-" + b
	}
	return name + "-" + d.Session.Date.In(data.Zone).Format("2006-01-02") + "-votazione-" +
		strconv.Itoa(report.VoteNumber(d, voteID)) + ".pdf"
}

// RenderResults makes the results PDF of a vote of a session, and the name it is offered under.
func RenderResults(ctx context.Context, st DocumentStore, sessionID, voteID string) ([]byte, string, error) {
	b, d, err := report.RenderResults(ctx, st, sessionID, voteID)
	if err != nil {
		return nil, "", err
	}
	return b, resultsName(d, voteID), nil
}

// slugMax is the longest a slug gets, in bytes: a body's full name may be a sentence, and Windows refuses
// paths over 260 characters in most programs, the folder's included.
const slugMax = 60

// slug makes a name fit for a file on every system: lowercase, no accents, words joined by dashes, cut at
// a word's end within slugMax.
func slug(s string) string {
	var b strings.Builder
	dash := false
	for _, r := range data.Fold(s) {
		switch {
		case r >= 'a' && r <= 'z' || r >= '0' && r <= '9':
			b.WriteRune(r)
			dash = false
		case !dash && b.Len() > 0:
			b.WriteByte('-')
			dash = true
		}
	}
	out := strings.TrimSuffix(b.String(), "-")
	if len(out) > slugMax {
		out = out[:slugMax]
		if i := strings.LastIndexByte(out, '-'); i > 0 {
			out = out[:i]
		}
	}
	return out
}

// exportDocument renders a session's document and asks where to save it.
func (ui *UI) exportDocument(sessionID string, kind DocKind) {
	st := ui.store
	var b []byte
	var d data.Dossier
	var err error
	ui.run(func() { b, d, err = report.RenderDocument(ui.ctx, st, sessionID, kind) }, func() {
		if err != nil {
			ui.showError(err)
			return
		}
		ext := ".pdf"
		if kind == docCalendar {
			ext = ".ics"
		}
		ui.saveBytes(documentName(kind, d), ext, b)
	})
}

// exportAnswer makes the Esito delle proposte of a body (what became of its proposals, and why) and
// hands it to save, which asks where to save it.
func (ui *UI) exportAnswer(bodyID, name string, save func(name, ext string, b []byte)) {
	var b []byte
	var err error
	ui.run(func() {
		var a data.TableAnswer
		if a, err = ui.store.TableAnswer(ui.ctx, bodyID); err == nil {
			if b, err = report.Esito(a); err != nil {
				err = data.Errorf(data.EInternal, "err.document.render").Wrap(err)
			}
		}
	}, func() {
		if err != nil {
			ui.showError(err)
			return
		}
		save(answerFileName(name), ".pdf", b)
	})
}

// answerFileName is the name the Esito delle proposte is offered under:
// esito-delle-proposte-tavolo-tematico-anziani.pdf.
func answerFileName(body string) string {
	name := "esito-delle-proposte"
	if b := slug(body); b != "" {
		name += "-" + b
	}
	return name + ".pdf"
}

// saveBytes asks where to save a document, offering name, and writes it whole.
func (ui *UI) saveBytes(name, ext string, b []byte) {
	ui.askSave(name, []string{ext}, nil, func(path string) { ui.writeDocument(path, b) })
}

// writeDocument writes b to path and says so in the status line, or explains why it could not.
func (ui *UI) writeDocument(path string, b []byte) {
	var err error
	ui.run(func() { err = atomicfile.WriteFile(path, b) }, func() {
		if err != nil {
			ui.showError(err)
			return
		}
		ui.status.say(lang.L("doc.saved", map[string]any{"path": path}))
	})
}
