package main

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"

	"github.com/tavoli/tavoli/app/i18n"

	docs "github.com/tavoli/tavoli/app/report"
	"github.com/tavoli/tavoli/data"
	"github.com/tavoli/tavoli/data/atomicfile"
	"github.com/tavoli/tavoli/data/sqlite"
	"github.com/tavoli/tavoli/data/vote"
)

// exportKinds maps the words a user may write to the document exported.
var exportKinds = map[string]string{
	"convocazione": "convocazione", "convocation": "convocazione",
	"presenze": "presenze", "attendance": "presenze", "foglio-presenze": "presenze",
	"verbale": "verbale", "minutes": "verbale",
	"ics": "ics", "calendar": "ics", "calendario": "ics",
	"schede": "ballots", "ballots": "ballots",
	"risultati": "results", "results": "results", "esito": "results",
	"sintesi": "sintesi", "synthesis": "sintesi", "documento-sintesi": "sintesi",
	"proposte": "proposte", "proposals": "proposte",
	"esito-proposte": "answer", "risposte": "answer", "answers": "answer",
	"relazione": "relazione", "relazione-annuale": "relazione", "report": "relazione", "annual-report": "relazione",
	"persona": "persona", "person": "persona", "dati-personali": "persona", "personal-data": "persona",
}

// export writes a session's document (tavoli export verbale --session ID -o FILE.pdf), a vote's ballots,
// or a document of the Ufficio di Piano. The file is written whole or not at all; an approved verbale
// is the one kept in the database, byte for byte.
func (c *cli) export(ctx context.Context, rest []string) int {
	if len(rest) != 1 {
		return c.usage("cli.export_kind", nil)
	}
	kind, ok := exportKinds[strings.ToLower(rest[0])]
	if !ok {
		return c.usage("cli.export_kind", nil)
	}
	if c.opt.public && kind != "verbale" && kind != "sintesi" {
		return c.usage("cli.export_publication", nil)
	}
	switch kind {
	case "ballots":
		return c.exportBallots(ctx)
	case "results":
		return c.exportResults(ctx)
	case "persona":
		return c.exportPersona(ctx)
	case "sintesi", "proposte", "answer", "relazione":
		return c.exportOffice(ctx, kind)
	}
	if c.opt.session == "" || c.opt.output == "" {
		return c.usage("cli.export_needs", nil)
	}
	doc := docs.DocKind(kind)
	if c.opt.public {
		doc = docs.DocVerbalePublication
	}
	return c.exportFrom(ctx, func(st *sqlite.Store) ([]byte, error) {
		b, _, err := docs.RenderDocument(ctx, st, c.opt.session, doc)
		return b, err
	})
}

// exportFrom makes a file from the database, opened read-only, and writes it as the -o file.
func (c *cli) exportFrom(ctx context.Context, build func(st *sqlite.Store) ([]byte, error)) int {
	st, err := c.open(ctx, readOnly)
	if err != nil {
		return c.fail(err)
	}
	defer st.Close()
	b, err := build(st)
	if err != nil {
		return c.fail(err)
	}
	return c.write(b)
}

// exportBallots writes a vote's ballot file: tavoli export schede --vote ID -o FILE.json, which
// `tavoli tally` recounts.
func (c *cli) exportBallots(ctx context.Context) int {
	if c.opt.vote == "" || c.opt.output == "" {
		return c.usage("cli.export_ballots_needs", nil)
	}
	return c.exportFrom(ctx, func(st *sqlite.Store) ([]byte, error) {
		rec, err := st.VoteRecord(ctx, c.opt.vote)
		if err != nil {
			return nil, err
		}
		count := vote.CountRecord(rec)
		b, err := json.MarshalIndent(count, "", "  ")
		if err != nil {
			return nil, data.Errorf(data.EInternal, "err.cli.output").Wrap(err)
		}
		return append(b, '\n'), nil
	})
}

// exportResults writes a vote's results PDF: tavoli export risultati --vote ID -o FILE.pdf, the same
// document the window saves.
func (c *cli) exportResults(ctx context.Context) int {
	if c.opt.vote == "" || c.opt.output == "" {
		return c.usage("cli.export_results_needs", nil)
	}
	return c.exportFrom(ctx, func(st *sqlite.Store) ([]byte, error) {
		session, err := sessionOfVote(ctx, st, c.opt.vote)
		if err != nil {
			return nil, err
		}
		b, _, err := docs.RenderResults(ctx, st, session, c.opt.vote)
		return b, err
	})
}

// sessionOfVote is the id of the session that held the vote.
func sessionOfVote(ctx context.Context, st *sqlite.Store, voteID string) (string, error) {
	sessions, err := st.Sessions(ctx, data.SessionFilter{})
	if err != nil {
		return "", err
	}
	for _, s := range sessions {
		votes, err := st.Votes(ctx, s.ID)
		if err != nil {
			return "", err
		}
		for _, v := range votes {
			if v.ID == voteID {
				return s.ID, nil
			}
		}
	}
	return "", data.Errorf(data.ENotFound, "err.cli.no_vote", "id", voteID)
}

// write saves b whole or not at all as the -o file, and says so.
func (c *cli) write(b []byte) int {
	if err := atomicfile.WriteFile(c.opt.output, b); err != nil {
		return c.fail(err)
	}
	if !c.opt.json {
		fmt.Fprintln(c.stdout, i18n.L("cli.exported", map[string]any{"path": c.opt.output, "bytes": len(b)}))
	}
	return exitOK
}
