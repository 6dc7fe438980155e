package report

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/tavoli/tavoli/data"
	"github.com/tavoli/tavoli/data/italian"
	"github.com/tavoli/tavoli/data/vote"
)

// tallyOf counts a vote of the dossier: the same count the meeting screen and a recount make.
func tallyOf(d data.Dossier, v data.Vote) (vote.Result, error) {
	return vote.Tally(vote.CountOf(v, d.Session.Call, d.Ballots[v.ID]))
}

// Results makes the results PDF of one vote of the session: what was voted on and how, the quorum when
// it opened, the figures as bars and as a table, the schede nulle with their reasons, and the outcome
// with the rule that produced it.
//
// The votes of a session are numbered in their order (VoteNumber): two votes never share a title.
func Results(d data.Dossier, voteID string) ([]byte, error) {
	n := VoteNumber(d, voteID)
	if n == 0 {
		return nil, data.Errorf(data.ENotFound, "err.vote.not_in_session", "vote", voteID)
	}
	v := d.Votes[n-1]
	r, err := tallyOf(d, v)
	if err != nil {
		return nil, fmt.Errorf("report: vote %s: %w", voteID, err)
	}
	doc, err := newDocument(d, docInfo{kind: "Esito della votazione n. " + strconv.Itoa(n)})
	if err != nil {
		return nil, err
	}
	doc.title("ESITO DELLA VOTAZIONE N. "+strconv.Itoa(n), stTitle)
	doc.space(3)
	verb := verbale{doc: doc, d: d}
	doc.paragraphs(verb.voteLine(v), stBody, 0)
	doc.space(3)
	doc.use(stBold, colText)
	doc.paragraphs(OutcomeNamed(d, v, r), stBold, 0)
	doc.space(5)

	if m := r.Motion; m != nil {
		rows := []barRow{{"Favorevoli", float64(m.Favorevoli)}, {"Contrari", float64(m.Contrari)}, {"Astenuti", float64(m.Astenuti)}}
		doc.bars(rows)
		figures := motionRows(r)
		cols := []column{{"", 60, "L"}, {"Componenti", 40, "R"}}
		if m.Weighted != nil {
			cols = append(cols, column{"Abitanti rappresentati", 50, "R"})
		}
		for i := range figures {
			figures[i] = figures[i][:len(cols)]
		}
		doc.space(3)
		doc.table(table{cols: cols}, figures)
	} else if p := r.Priority; p != nil {
		var rows []barRow
		var ranking [][]string
		for _, x := range p.Ranking {
			rows = append(rows, barRow{strconv.Itoa(x.Rank) + ". " + clean(x.Label), x.Score})
			ranking = append(ranking, []string{strconv.Itoa(x.Rank), clean(x.Label), Score(x.Score)})
		}
		doc.bars(rows)
		doc.space(3)
		doc.table(table{cols: []column{{"Posto", 14, "R"}, {"Proposta", 120, "L"}, {scoreColumn(v.Method), 30, "R"}}}, ranking)
	}
	doc.heading("Regole di conteggio", stSub)
	doc.paragraphs(countingRules(r), stBody, 0)
	if len(r.Invalid) > 0 {
		doc.heading("Schede nulle", stSub)
		for _, x := range r.Invalid {
			doc.item("•", fmt.Sprintf("scheda %d (×%d): %s", x.Ballot+1, max(x.Count, 1), Reason(x.Reason, v.Options)), stBody, 2)
		}
	}
	if v.Secret {
		doc.space(3)
		doc.paragraphs("Votazione a scrutinio segreto: le schede sono conservate senza alcun legame con chi le ha deposte.", stBody, 0)
	}
	return doc.output()
}

// VoteNumber is the vote's number in its session (1 for the first held), or 0 when the session has no
// such vote.
func VoteNumber(d data.Dossier, voteID string) int {
	for i, v := range d.Votes {
		if v.ID == voteID {
			return i + 1
		}
	}
	return 0
}

// motionRows are the figures of a motion: each sum by heads and, when seats are weighed, by
// inhabitants. Where the rules count the schede bianche e nulle among the votanti a row gives them,
// so that the column adds up to the votanti.
func motionRows(r vote.Result) [][]string {
	type sum struct {
		label string
		of    func(vote.Sums) int64
	}
	sums := []sum{{"Favorevoli", func(s vote.Sums) int64 { return s.Favorevoli }},
		{"Contrari", func(s vote.Sums) int64 { return s.Contrari }},
		{"Astenuti", func(s vote.Sums) int64 { return s.Astenuti }}}
	if r.Rules.BlankVotanti {
		sums = append(sums, sum{"Schede bianche e nulle", func(s vote.Sums) int64 { return s.Votanti - s.Favorevoli - s.Contrari }})
	}
	sums = append(sums, sum{"Votanti", func(s vote.Sums) int64 { return s.Votanti }},
		sum{"Presenti", func(s vote.Sums) int64 { return s.Presenti }})
	rows := make([][]string, len(sums))
	for i, x := range sums {
		rows[i] = []string{x.label, strconv.FormatInt(x.of(r.Sums), 10), weightedCell(r.Weighted, x.of)}
	}
	return rows
}

// weightedCell is a weighted sum for the table, or "" when the vote counted heads only.
func weightedCell(w *vote.Sums, f func(vote.Sums) int64) string {
	if w == nil {
		return ""
	}
	return italian.Int(f(*w))
}

// scoreColumn names what a priority vote's score counts.
func scoreColumn(m data.VoteMethod) string {
	switch m {
	case data.MethodDots:
		return "Bollini"
	case data.MethodPoints:
		return "Punti"
	case data.MethodBorda:
		return "Punti Borda"
	case data.MethodSchulze:
		return "Vittorie"
	case data.MethodScore:
		return "Punteggio"
	case data.MethodApproval:
		return "Approvazioni"
	}
	return "Risultato"
}

// Reason is a scheda nulla's reason with the options named by their titles: the tally names them by
// id, which for a vote held in a meeting is a proposal's key.
func Reason(reason string, options []data.VoteOption) string {
	for _, o := range options {
		if o.Label != "" {
			reason = strings.ReplaceAll(reason, o.ID, o.Label)
		}
	}
	return reason
}
