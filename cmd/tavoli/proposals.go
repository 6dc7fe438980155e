package main

import (
	"bytes"
	"context"
	"fmt"
	"path/filepath"
	"strings"
	"time"

	"github.com/tavoli/tavoli/app/i18n"

	docs "github.com/tavoli/tavoli/app/report"
	"github.com/tavoli/tavoli/data"
	"github.com/tavoli/tavoli/data/csvexport"
	"github.com/tavoli/tavoli/data/italian"
	"github.com/tavoli/tavoli/data/sqlite"
)

// proposalFilter is the filter --area, --state and --query ask for. The area may be given by id or by
// name ("anziani" finds «Anziani»), since the ids are long and the names are what people know; an
// unknown one is refused rather than giving an empty list that looks like a district without proposals.
func (c *cli) proposalFilter(ctx context.Context, st *sqlite.Store) (data.ProposalFilter, error) {
	f := data.ProposalFilter{Query: c.opt.query}
	if c.opt.area != "" {
		id, err := findArea(ctx, st, c.opt.area)
		if err != nil {
			return f, err
		}
		f.AreaID = id
	}
	if c.opt.state != "" {
		f.State = parseState(c.opt.state)
	}
	return f, nil
}

// badState refuses a --state that names no state, before the database is opened.
func (c *cli) badState() (int, bool) {
	if c.opt.state == "" || parseState(c.opt.state).Valid() {
		return 0, false
	}
	return c.usage("cli.bad_state", map[string]any{"state": c.opt.state, "states": stateCodes()}), true
}

// findArea returns the id of the area named by id or by name, ignoring case and accents.
func findArea(ctx context.Context, st *sqlite.Store, want string) (string, error) {
	areas, err := st.Areas(ctx)
	if err != nil {
		return "", err
	}
	folded := data.Fold(strings.TrimSpace(want))
	for _, a := range areas {
		if a.ID == want || data.Fold(a.Name) == folded {
			return a.ID, nil
		}
	}
	return "", data.Errorf(data.ENotFound, "cli.area_unknown", "area", want)
}

// parseState reads a state as people write it: "in valutazione", "In-Valutazione" or the code itself.
func parseState(s string) data.ProposalState {
	s = strings.ToLower(strings.TrimSpace(s))
	return data.ProposalState(strings.NewReplacer(" ", "_", "-", "_").Replace(s))
}

// stateCodes lists the states as --state takes them.
func stateCodes() string {
	codes := make([]string, len(data.ProposalStates))
	for i, s := range data.ProposalStates {
		codes[i] = string(s)
	}
	return strings.Join(codes, ", ")
}

func listProposals(ctx context.Context, st *sqlite.Store, f data.ProposalFilter) ([]any, [][]string, error) {
	f.Sort = data.SortArea
	list, err := st.Proposals(ctx, f)
	if err != nil {
		return nil, nil, err
	}
	type row struct {
		stamp
		Title          string   `json:"title"`
		Text           string   `json:"text"`
		Area           string   `json:"area"`
		AreaID         string   `json:"area_id"`
		Kind           string   `json:"kind"`
		State          string   `json:"state"`
		Priority       int      `json:"priority"` // place in the priority list, 0 when not in it
		Body           string   `json:"body"`     // the table where it was said, "" for the office's own
		BodyID         string   `json:"body_id"`
		SessionID      string   `json:"session_id"`
		SessionDate    string   `json:"session_date"`
		Proposer       string   `json:"proposer"`
		ProposerID     string   `json:"proposer_id"`
		Organisation   string   `json:"organisation"`
		OrganisationID string   `json:"organisation_id"`
		TargetGroup    string   `json:"target_group"`
		Comuni         []string `json:"comuni"`
		ComuneIDs      []string `json:"comune_ids"`
		Cost           string   `json:"cost"`
		Duration       string   `json:"duration"`
		MergedIntoID   string   `json:"merged_into_id"`
		SplitFromID    string   `json:"split_from_id"`
		Reason         string   `json:"reason"` // why it is in its state: the reason given, or the vote that moved it
	}
	rows := []any{}
	table := [][]string{{i18n.L("col.priority"), i18n.L("field.title"), i18n.L("field.area"), i18n.L("col.kind"),
		i18n.L("col.status"), i18n.L("col.date"), "id"}}
	for _, p := range list {
		date, day := "", ""
		if !p.SessionDate.IsZero() {
			date = p.SessionDate.In(data.Zone).Format(time.RFC3339)
			day = italian.Date(p.SessionDate)
		}
		rows = append(rows, row{stampOf(p.Meta), p.Title, p.Text, p.AreaName, p.AreaID, string(p.Kind), string(p.State),
			p.Priority, p.BodyName, p.BodyID, p.SessionID, date, p.ProposerName, p.ProposerID, p.OrganisationName,
			p.OrganisationID, p.TargetGroup, orEmpty(p.ComuneNames), orEmpty(p.ComuneIDs), string(p.Cost),
			string(p.Duration), p.MergedIntoID, p.SplitFromID, docs.Why(p)})
		place := ""
		if p.Priority > 0 && p.State != data.StateAccorpata {
			place = fmt.Sprint(p.Priority)
		}
		table = append(table, []string{place, p.Title, p.AreaName, i18n.L("pkind." + string(p.Kind)),
			i18n.L("pstate." + string(p.State)), day, p.ID})
	}
	return rows, table, nil
}

// orEmpty makes a missing list an empty one, so that JSON shows [] rather than null.
func orEmpty(l []string) []string {
	if l == nil {
		return []string{}
	}
	return l
}

// exportSintesi writes the Documento di sintesi, of the district or of one area (--area), or its copy
// for publication (--pubblicazione).
func (c *cli) exportSintesi(ctx context.Context, st *sqlite.Store) ([]byte, error) {
	areaID := ""
	if c.opt.area != "" {
		id, err := findArea(ctx, st, c.opt.area)
		if err != nil {
			return nil, err
		}
		areaID = id
	}
	s, err := st.Synthesis(ctx, areaID)
	if err != nil {
		return nil, err
	}
	render := docs.Sintesi
	if c.opt.public {
		render = docs.SintesiPublication
	}
	b, err := render(s)
	if err != nil {
		return nil, data.Errorf(data.EInternal, "err.document.render").Wrap(err)
	}
	return b, nil
}

// exportAnswer writes the Esito delle proposte of one body (--body, by id or name): what became of each
// proposal made in its sessions, and why.
func (c *cli) exportAnswer(ctx context.Context, st *sqlite.Store) ([]byte, error) {
	id, err := findBody(ctx, st, c.opt.body)
	if err != nil {
		return nil, err
	}
	a, err := st.TableAnswer(ctx, id)
	if err != nil {
		return nil, err
	}
	b, err := docs.Esito(a)
	if err != nil {
		return nil, data.Errorf(data.EInternal, "err.document.render").Wrap(err)
	}
	return b, nil
}

// exportRelazione writes the relazione annuale consuntiva of --anno: the document, or its figures for
// a spreadsheet when the file's name ends in .csv.
func (c *cli) exportRelazione(ctx context.Context, st *sqlite.Store) ([]byte, error) {
	r, err := st.Relazione(ctx, c.opt.year)
	if err != nil {
		return nil, err
	}
	if strings.EqualFold(filepath.Ext(c.opt.output), ".csv") {
		var buf bytes.Buffer
		if err := csvexport.Relazione(&buf, r); err != nil {
			return nil, data.Errorf(data.EInternal, "err.cli.output").Wrap(err)
		}
		return buf.Bytes(), nil
	}
	b, err := docs.Relazione(r)
	if err != nil {
		return nil, data.Errorf(data.EInternal, "err.document.render").Wrap(err)
	}
	return b, nil
}

// findBody finds a body by its id or its name (ignoring case and accents), or the Tavolo tematico of
// an area named so.
func findBody(ctx context.Context, st *sqlite.Store, want string) (string, error) {
	bodies, err := st.Bodies(ctx)
	if err != nil {
		return "", err
	}
	folded := data.Fold(strings.TrimSpace(want))
	for _, b := range bodies {
		if b.ID == want || data.Fold(b.Name) == folded {
			return b.ID, nil
		}
	}
	if areaID, err := findArea(ctx, st, want); err == nil {
		for _, b := range bodies {
			if b.Kind == data.BodyTavoloTematico && b.AreaID == areaID {
				return b.ID, nil
			}
		}
	}
	return "", data.Errorf(data.ENotFound, "cli.body_unknown", "body", want)
}

// exportProposals writes the proposals as CSV for a spreadsheet, by area then title; --area, --state
// and --query narrow them as they narrow the list.
func (c *cli) exportProposals(ctx context.Context, st *sqlite.Store) ([]byte, error) {
	f, err := c.proposalFilter(ctx, st)
	if err != nil {
		return nil, err
	}
	f.Sort = data.SortArea
	list, err := st.Proposals(ctx, f)
	if err != nil {
		return nil, err
	}
	var buf bytes.Buffer
	if err := csvexport.Proposals(&buf, list); err != nil {
		return nil, data.Errorf(data.EInternal, "err.cli.output").Wrap(err)
	}
	return buf.Bytes(), nil
}

// exportOffice writes a document of the Ufficio di Piano (sintesi, proposte): no session needed, only
// where to write it.
func (c *cli) exportOffice(ctx context.Context, kind string) int {
	if c.opt.output == "" {
		return c.usage("cli.export_output", nil)
	}
	switch kind {
	case "proposte":
		if code, bad := c.badState(); bad {
			return code
		}
	case "answer":
		if strings.TrimSpace(c.opt.body) == "" {
			return c.usage("cli.export_body", nil)
		}
	case "relazione":
		if c.opt.year == 0 {
			return c.usage("cli.export_year", nil)
		}
	}
	st, err := c.open(ctx, readOnly)
	if err != nil {
		return c.fail(err)
	}
	defer st.Close()
	var b []byte
	switch kind {
	case "sintesi":
		b, err = c.exportSintesi(ctx, st)
	case "answer":
		b, err = c.exportAnswer(ctx, st)
	case "relazione":
		b, err = c.exportRelazione(ctx, st)
	default:
		b, err = c.exportProposals(ctx, st)
	}
	if err != nil {
		return c.fail(err)
	}
	return c.write(b)
}
