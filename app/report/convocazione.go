package report

import (
	"strconv"
	"strings"
	"time"

	"github.com/tavoli/tavoli/data"
	"github.com/tavoli/tavoli/data/italian"
)

// Convocazione makes the convocation letter of a session: the protocol number and date, the place and
// date of the letter, the call (with the seconda convocazione when the body's rules foresee one), day,
// hour and place, the numbered ordine del giorno, the signature of who presides and the body's members
// it is sent to. Missing details (no protocol, no place, no president) leave a line to fill by hand.
func Convocazione(d data.Dossier) ([]byte, error) {
	doc, err := newDocument(d, docInfo{kind: "Convocazione"})
	if err != nil {
		return nil, err
	}
	s := d.Session
	body := strings.TrimSpace(clean(d.Body.Name))

	doc.use(stBody, colText)
	y := doc.pdf.GetY()
	doc.line(protocol(s.ConvocationProtocol, s.ConvocationDate), doc.left, doc.width/2, stBody.lead, "L")
	doc.pdf.SetY(y)
	doc.line(orBlank(strings.TrimSpace(d.Capofila), 16)+", "+orBlank(italian.Day(s.ConvocationDate), 16),
		doc.left+doc.width/2, doc.width/2, stBody.lead, "R")
	doc.space(6)
	for _, l := range doc.wrap("Ai componenti "+ofThe(body)+"\nLoro sedi", doc.width/2, stBody) {
		doc.line(l, doc.left+doc.width/2, doc.width/2, stBody.lead, "L")
	}
	doc.space(8)

	second := secondCall(d)
	when := orBlank(italian.WeekdayDay(s.Date), 20) + ", ore " + orBlank(italian.Clock(s.Date), 6)
	if !second.IsZero() {
		when += " (seconda convocazione ore " + italian.Clock(second) + ")"
	}
	doc.field("Oggetto:", "Convocazione "+ofThe(body)+", "+callLabel(s.Call)+": "+when+".", 20)
	doc.space(5)

	area := ""
	if d.AreaName != "" {
		area = " (area " + d.AreaName + ")"
	}
	text := "Si comunica che la seduta " + ofThe(body) + area + " è convocata in " + callLabel(s.Call) +
		" per " + orBlank(italian.WeekdayDay(s.Date), 20) + ", alle ore " + orBlank(italian.Clock(s.Date), 6)
	if !second.IsZero() {
		text += ", e occorrendo in seconda convocazione " + sameDayOr(s.Date, second) + " alle ore " + italian.Clock(second)
	}
	doc.paragraphs(text+", presso "+orBlank(s.Place, 30)+", per discutere il seguente", stBody, 0)
	doc.space(3)
	doc.title("ORDINE DEL GIORNO", stSub)
	doc.space(2)
	items := agenda(d)
	for i, it := range items {
		doc.item(strconv.Itoa(i+1)+".", it.Title, stBody, 4)
		if isActionCheck(it) {
			convocationActions(doc, d)
		}
		doc.space(1)
	}
	if len(items) == 0 {
		doc.paragraphs("L'ordine del giorno sarà comunicato con successiva nota.", stItalic, 4)
	}
	doc.space(4)
	rules := []string{quorumRule(d.Body.Rules, s.Call)}
	if !second.IsZero() {
		rules = append(rules, quorumRule(d.Body.Rules, data.CallSeconda))
	}
	closing := strings.Join(nonEmpty(append(rules,
		"In caso di impedimento si prega di darne tempestiva comunicazione all'Ufficio di Piano, "+
			"indicando l'eventuale delegato.")...), " ")
	// The closing paragraph, the greeting and the signature share a page.
	doc.keepWithSignature(doc.textHeight(closing, stBody, 0) + 3 + stBody.lead)
	doc.paragraphs(closing, stBody, 0)
	doc.space(3)
	doc.paragraphs("Distinti saluti.", stBody, 0)
	doc.space(6)
	doc.signatures(signature{presidentLabel(d), d.PresidentName})

	if list := recipients(d); len(list) > 0 {
		doc.space(4)
		doc.heading("Destinatari", stSub)
		for i, r := range list {
			doc.item(strconv.Itoa(i+1)+".", r, stBody, 0)
		}
	}
	return doc.output()
}

// protocol writes "Prot. n. 123 del 02/02/2026", with lines to fill by hand for what is not recorded.
func protocol(number string, day time.Time) string {
	return "Prot. n. " + orBlank(strings.TrimSpace(number), 12) + " del " + orBlank(italian.Date(day), 12)
}

// secondCall is the hour of the seconda convocazione a letter announces: with a prima convocazione,
// when the body's rules foresee one; zero otherwise.
func secondCall(d data.Dossier) time.Time {
	s := d.Session
	if s.Call != data.CallPrima || d.Body.Rules.SecondCall <= 0 || s.Date.IsZero() {
		return time.Time{}
	}
	return s.Date.Add(time.Duration(d.Body.Rules.SecondCall) * time.Minute)
}

// sameDayOr says the day of the seconda convocazione: "lo stesso giorno", or its own day when the
// delay takes it past midnight.
func sameDayOr(first, second time.Time) string {
	if italian.Day(first) == italian.Day(second) {
		return "lo stesso giorno"
	}
	return italian.WeekdayDay(second)
}

// recipients lists whom a convocation is sent to, from the body's membership: the presidente, the
// vicepresidente, then each seat in its order with its member, standing delegates as such with the
// seat they stand for, and seats with no member addressed to their office. Officers (segretario,
// facilitatore) are not convened.
func recipients(d data.Dossier) []string {
	var out []string
	bySeat := map[string][]data.MembershipView{}
	seen := map[string]bool{}
	add := func(m data.MembershipView, what string) {
		if seen[m.ID] {
			return
		}
		seen[m.ID] = true
		out = append(out, strings.Join(nonEmpty(strings.TrimSpace(m.PersonName), what), " – "))
	}
	for _, m := range d.Members {
		if m.SeatID != "" {
			bySeat[m.SeatID] = append(bySeat[m.SeatID], m)
		}
	}
	label, comune := map[string]string{}, map[string]bool{}
	for _, st := range d.Seats {
		label[st.ID], comune[st.ID] = seatLabel(st), st.ComuneID != ""
	}
	naming, holder := map[string]data.Naming{}, map[string]data.Naming{}
	for _, l := range d.Register {
		naming[l.PersonID] = l.Naming
		if l.Delegator != nil {
			holder[l.SeatID] = *l.Delegator // the member a delegate stands for
		}
	}
	// A mayor is written to as such: "Sindaca del Comune di Magione".
	seatOf := func(m data.MembershipView) string {
		if m.SeatName == "" || m.SeatName == m.PersonName {
			return ""
		}
		n, ok := naming[m.PersonID]
		if !ok {
			n = holder[m.SeatID]
		}
		if comune[m.SeatID] && italian.IsMayor(n.Title) {
			return italian.MayorTitle(n.Title, n.Gender) + " " + ofThe(label[m.SeatID])
		}
		return label[m.SeatID]
	}
	for _, role := range []data.Role{data.RolePresidente, data.RoleVice} {
		for _, m := range d.Members {
			if m.Role == role {
				add(m, strings.Join(nonEmpty(roleTitle(role), seatOf(m)), ", "))
			}
		}
	}
	for _, st := range d.Seats {
		held := false
		for _, m := range bySeat[st.ID] {
			if m.Role == data.RoleDelegato {
				continue
			}
			held = true
			add(m, seatOf(m))
		}
		for _, m := range bySeat[st.ID] {
			if m.Role == data.RoleDelegato {
				add(m, "per delega permanente "+ofThe(seatLabel(st)))
			}
		}
		if !held && len(bySeat[st.ID]) == 0 {
			out = append(out, seatHolderOf(st))
		}
	}
	for _, m := range d.Members {
		if m.Role == data.RoleMembro || m.Role == data.RoleDelegato {
			add(m, "")
		}
	}
	return out
}

// roleTitle names the offices a convocation lists first.
func roleTitle(r data.Role) string {
	switch r {
	case data.RolePresidente:
		return "Presidente"
	case data.RoleVice:
		return "Vicepresidente"
	}
	return ""
}

// seatHolderOf addresses a seat no member holds: a comune's mayor, an organisation's legal
// representative, or the seat itself.
func seatHolderOf(st data.SeatView) string {
	switch {
	case st.ComuneID != "":
		return "Sindaco " + ofThe(seatLabel(st))
	case st.OrganisationID != "":
		return "Legale rappresentante – " + st.Name
	}
	return st.Name
}

// seatLabel names a seat in a sentence: a comune's seat is "Comune di Magione".
func seatLabel(st data.SeatView) string {
	if st.ComuneID != "" && st.Label == "" && !strings.HasPrefix(data.Fold(st.Name), "comune ") {
		return "Comune di " + st.Name
	}
	return st.Name
}
