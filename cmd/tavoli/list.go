package main

import (
	"context"
	"fmt"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/tavoli/tavoli/app/i18n"

	"github.com/tavoli/tavoli/data"
	"github.com/tavoli/tavoli/data/italian"
	"github.com/tavoli/tavoli/data/sqlite"
)

// listKinds maps the words a user may write (English and Italian) to what "list" prints.
var listKinds = map[string]string{
	"comuni": "comuni", "comune": "comuni", "municipalities": "comuni",
	"areas": "areas", "area": "areas", "aree": "areas",
	"bodies": "bodies", "body": "bodies", "organi": "bodies", "tavoli": "bodies",
	"people": "people", "persone": "people", "persons": "people",
	"organisations": "organisations", "organizations": "organisations", "enti": "organisations",
	"votes": "votes", "vote": "votes", "votazioni": "votes",
	"sessions": "sessions", "session": "sessions", "sedute": "sessions", "seduta": "sessions", "meetings": "sessions",
	"proposals": "proposals", "proposal": "proposals", "proposte": "proposals", "proposta": "proposals",
	"attuazione": "attuazione", "attuazioni": "attuazione", "implementation": "attuazione", "implementations": "attuazione",
	"actions": "actions", "action": "actions", "azioni": "actions", "azione": "actions",
}

// stamp is a record's identity and times as JSON shows them (ISO 8601).
type stamp struct {
	ID      string `json:"id"`
	Created string `json:"created"`
	Updated string `json:"updated"`
}

func stampOf(m data.Meta) stamp {
	return stamp{ID: m.ID, Created: m.Created.UTC().Format(time.RFC3339), Updated: m.Updated.UTC().Format(time.RFC3339)}
}

func (c *cli) list(ctx context.Context, rest []string) int {
	if len(rest) != 1 {
		return c.usage("cli.list_kind", nil)
	}
	kind, ok := listKinds[strings.ToLower(rest[0])]
	if !ok {
		return c.usage("cli.list_kind", nil)
	}
	if kind == "proposals" {
		if code, bad := c.badState(); bad {
			return code
		}
	}
	st, err := c.open(ctx, readOnly)
	if err != nil {
		return c.fail(err)
	}
	defer st.Close()
	var rows []any
	var table [][]string
	switch kind {
	case "comuni":
		rows, table, err = listComuni(ctx, st)
	case "areas":
		rows, table, err = listAreas(ctx, st)
	case "bodies":
		rows, table, err = listBodies(ctx, st)
	case "people":
		rows, table, err = listPeople(ctx, st)
	case "organisations":
		rows, table, err = listOrganisations(ctx, st)
	case "sessions":
		rows, table, err = listSessions(ctx, st)
	case "votes":
		rows, table, err = listVotes(ctx, st)
	case "attuazione":
		rows, table, err = listAttuazione(ctx, st)
	case "actions":
		rows, table, err = listActions(ctx, st, c.opt.overdue)
	case "proposals":
		var f data.ProposalFilter
		if f, err = c.proposalFilter(ctx, st); err == nil {
			rows, table, err = listProposals(ctx, st, f)
		}
	}
	if err != nil {
		return c.fail(err)
	}
	if c.opt.json {
		if rows == nil {
			rows = []any{}
		}
		return c.writeJSON(rows)
	}
	w := tabwriter.NewWriter(c.stdout, 2, 4, 2, ' ', 0)
	for _, r := range table {
		fmt.Fprintln(w, strings.Join(r, "\t"))
	}
	w.Flush()
	return exitOK
}

func listComuni(ctx context.Context, st *sqlite.Store) ([]any, [][]string, error) {
	list, err := st.Comuni(ctx)
	if err != nil {
		return nil, nil, err
	}
	capofila := ""
	if a, err := st.Ambito(ctx); err == nil {
		capofila = a.CapofilaID
	}
	type row struct {
		stamp
		Name             string `json:"name"`
		Population       int    `json:"population"`
		PopulationApprox bool   `json:"population_approx"`
		ISTAT            string `json:"istat"`
		Office           string `json:"office"`
		Capofila         bool   `json:"capofila"`
	}
	rows := []any{}
	table := [][]string{{i18n.L("col.name"), i18n.L("col.population"), i18n.L("col.istat"), ""}}
	for _, cm := range list {
		rows = append(rows, row{stampOf(cm.Meta), cm.Name, cm.Population, cm.PopulationApprox, cm.ISTAT, cm.Office, cm.ID == capofila})
		mark := ""
		if cm.ID == capofila {
			mark = i18n.L("comune.capofila")
		}
		table = append(table, []string{cm.Name, fmt.Sprint(cm.Population), cm.ISTAT, mark})
	}
	return rows, table, nil
}

func listAreas(ctx context.Context, st *sqlite.Store) ([]any, [][]string, error) {
	list, err := st.Areas(ctx)
	if err != nil {
		return nil, nil, err
	}
	type row struct {
		stamp
		Name        string `json:"name"`
		Position    int    `json:"position"`
		Description string `json:"description"`
	}
	rows := []any{}
	table := [][]string{{"#", i18n.L("col.name")}}
	for _, a := range list {
		rows = append(rows, row{stampOf(a.Meta), a.Name, a.Position, a.Description})
		table = append(table, []string{fmt.Sprint(a.Position), a.Name})
	}
	return rows, table, nil
}

func listBodies(ctx context.Context, st *sqlite.Store) ([]any, [][]string, error) {
	list, err := st.Bodies(ctx)
	if err != nil {
		return nil, nil, err
	}
	areas, err := st.Areas(ctx)
	if err != nil {
		return nil, nil, err
	}
	areaName := map[string]string{}
	for _, a := range areas {
		areaName[a.ID] = a.Name
	}
	type row struct {
		stamp
		Name    string     `json:"name"`
		Kind    string     `json:"kind"`
		Area    string     `json:"area,omitempty"`
		AreaID  string     `json:"area_id,omitempty"`
		Rules   data.Rules `json:"rules"`
		Seats   int        `json:"seats"`
		Members int        `json:"members"`
	}
	rows := []any{}
	table := [][]string{{i18n.L("col.name"), i18n.L("col.kind"), i18n.L("col.seats"), i18n.L("col.members")}}
	for _, b := range list {
		seats, err := st.Seats(ctx, b.ID)
		if err != nil {
			return nil, nil, err
		}
		members, err := st.Memberships(ctx, b.ID)
		if err != nil {
			return nil, nil, err
		}
		rows = append(rows, row{stampOf(b.Meta), b.Name, string(b.Kind), areaName[b.AreaID], b.AreaID, b.Rules, len(seats), len(members)})
		table = append(table, []string{b.Name, i18n.L("body.kind." + string(b.Kind)), fmt.Sprint(len(seats)), fmt.Sprint(len(members))})
	}
	return rows, table, nil
}

func listPeople(ctx context.Context, st *sqlite.Store) ([]any, [][]string, error) {
	list, err := st.People(ctx, data.PeopleFilter{})
	if err != nil {
		return nil, nil, err
	}
	type row struct {
		stamp
		Name           string `json:"name"`
		Surname        string `json:"surname"`
		GivenName      string `json:"given_name"`
		Category       string `json:"category"`
		Organisation   string `json:"organisation,omitempty"`
		OrganisationID string `json:"organisation_id,omitempty"`
		Comune         string `json:"comune,omitempty"`
		ComuneID       string `json:"comune_id,omitempty"`
		Email          string `json:"email,omitempty"`
		Phone          string `json:"phone,omitempty"`
		Title          string `json:"title,omitempty"`
		Gender         string `json:"gender,omitempty"`
	}
	rows := []any{}
	table := [][]string{{i18n.L("col.person"), i18n.L("col.category"), i18n.L("col.organisation"), i18n.L("col.comune")}}
	for _, p := range list {
		rows = append(rows, row{stampOf(p.Meta), p.FullName(), p.Surname, p.Name, string(p.Category), p.OrganisationName,
			p.OrganisationID, p.Town(), p.ComuneID, p.Email, p.Phone, p.Title, string(p.Gender)})
		table = append(table, []string{p.FullName(), i18n.L("category." + string(p.Category)), p.OrganisationName, p.Town()})
	}
	return rows, table, nil
}

func listOrganisations(ctx context.Context, st *sqlite.Store) ([]any, [][]string, error) {
	list, err := st.Organisations(ctx, "")
	if err != nil {
		return nil, nil, err
	}
	type row struct {
		stamp
		Name     string `json:"name"`
		Category string `json:"category"`
		Comune   string `json:"comune,omitempty"`
		ComuneID string `json:"comune_id,omitempty"`
		Email    string `json:"email,omitempty"`
		Phone    string `json:"phone,omitempty"`
		People   int    `json:"people"`
	}
	rows := []any{}
	table := [][]string{{i18n.L("col.name"), i18n.L("col.category"), i18n.L("col.comune"), i18n.L("col.people")}}
	for _, o := range list {
		rows = append(rows, row{stampOf(o.Meta), o.Name, string(o.Category), o.ComuneName, o.ComuneID, o.Email, o.Phone, o.People})
		table = append(table, []string{o.Name, i18n.L("category." + string(o.Category)), o.ComuneName, fmt.Sprint(o.People)})
	}
	return rows, table, nil
}

func listSessions(ctx context.Context, st *sqlite.Store) ([]any, [][]string, error) {
	list, err := st.Sessions(ctx, data.SessionFilter{})
	if err != nil {
		return nil, nil, err
	}
	type row struct {
		stamp
		Body     string `json:"body"`
		BodyID   string `json:"body_id"`
		Area     string `json:"area,omitempty"`
		AreaID   string `json:"area_id,omitempty"`
		Date     string `json:"date"` // local time of the Ambito, with its offset
		Status   string `json:"status"`
		Call     string `json:"call"`
		Place    string `json:"place"`
		Started  string `json:"started,omitempty"`
		Ended    string `json:"ended,omitempty"`
		Items    int    `json:"agenda_items"`
		Present  int    `json:"present"`
		Corrects string `json:"corrects_id,omitempty"`
	}
	iso := func(t time.Time) string {
		if t.IsZero() {
			return ""
		}
		return t.In(data.Zone).Format(time.RFC3339)
	}
	rows := []any{}
	table := [][]string{{i18n.L("col.date"), i18n.L("col.body"), i18n.L("col.status"), i18n.L("col.present"), "id"}}
	for _, v := range list {
		rows = append(rows, row{stampOf(v.Meta), v.BodyName, v.BodyID, v.AreaName, v.AreaID, iso(v.Date), string(v.Status),
			string(v.Call), v.Place, iso(v.Started), iso(v.Ended), v.Items, v.Present, v.CorrectsID})
		table = append(table, []string{italian.DateTime(v.Date), v.BodyName,
			i18n.L("sstatus." + string(v.Status)), fmt.Sprint(v.Present), v.ID})
	}
	return rows, table, nil
}

func listVotes(ctx context.Context, st *sqlite.Store) ([]any, [][]string, error) {
	sessions, err := st.Sessions(ctx, data.SessionFilter{})
	if err != nil {
		return nil, nil, err
	}
	type row struct {
		stamp
		SessionID string `json:"session_id"`
		Body      string `json:"body"`
		Subject   string `json:"subject"`
		Method    string `json:"method"`
		Secret    bool   `json:"secret"`
		Status    string `json:"status"`
		Opened    string `json:"opened"`
	}
	rows := []any{}
	table := [][]string{{i18n.L("col.date"), i18n.L("col.body"), i18n.L("vote.subject"), i18n.L("vote.method"), "id"}}
	for _, s := range sessions {
		votes, err := st.Votes(ctx, s.ID)
		if err != nil {
			return nil, nil, err
		}
		for _, v := range votes {
			rows = append(rows, row{stampOf(v.Meta), s.ID, s.BodyName, v.Subject, string(v.Method), v.Secret, string(v.Status),
				v.Opened.In(data.Zone).Format(time.RFC3339)})
			table = append(table, []string{italian.DateTime(v.Opened), s.BodyName, v.Subject,
				i18n.L("method." + string(v.Method)), v.ID})
		}
	}
	return rows, table, nil
}
