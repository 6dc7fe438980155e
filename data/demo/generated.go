package demo

import (
	"fmt"
	"time"

	"github.com/tavoli/tavoli/data"
)

// part is what a generated proposal is made of: a title with a place for the comune (%s), a text and
// a target group; a project idea also has its cost and time bands.
type part struct {
	title, text, target string
	cost                data.CostBand
	duration            data.TimeBand
}

// parts are the pieces of the generated proposals, by area (as trasimeno.json names them) and by kind
// in the order of data.ProposalKinds: three of each, every one said of any of the eight comuni.
var parts = map[string][4][3]part{
	"Famiglia e genitorialità": {
		{
			{"Gruppi di genitori nella biblioteca di %s", "Gli incontri tra genitori in biblioteca, condotti da un'educatrice del consultorio, sono frequentati con continuità: sono ormai un punto di riferimento da mantenere e far conoscere.", "Genitori di bambini piccoli", "", ""},
			{"Consultorio e Ufficio della Cittadinanza di %s lavorano insieme", "Il consultorio e l'Ufficio della Cittadinanza si scambiano le segnalazioni e fissano insieme i primi colloqui: le famiglie non devono raccontare la propria situazione due volte.", "Famiglie con figli minori", "", ""},
			{"Una rete di famiglie solidali a %s", "Alcune famiglie accompagnano a scuola e accolgono per qualche pomeriggio i bambini di altre famiglie in difficoltà: una rete spontanea che funziona e va sostenuta.", "Famiglie in difficoltà temporanea", "", ""},
		},
		{
			{"Servizi per la prima infanzia chiusi d'estate a %s", "Nido e servizi integrativi chiudono a luglio e agosto, proprio quando i genitori che lavorano nel turismo sono più impegnati: le famiglie si affidano ai nonni o rinunciano al lavoro.", "Famiglie con bambini da 0 a 3 anni", "", ""},
			{"Nessuno spazio per gli incontri protetti tra genitori e figli a %s", "Gli incontri protetti disposti dal tribunale si tengono negli uffici, in orari scomodi e con lunghe attese: mancano spazi accoglienti per i bambini e per i genitori.", "Genitori separati e figli minori", "", ""},
			{"Famiglie con un solo genitore in difficoltà economica a %s", "Crescono i nuclei con un solo genitore che chiedono aiuto per bollette, affitto e spese scolastiche; spesso arrivano ai servizi quando i debiti sono già alti.", "Famiglie monogenitoriali", "", ""},
		},
		{
			{"Aprire i servizi per le famiglie di %s anche nel tardo pomeriggio", "Spostare almeno due aperture settimanali del consultorio e dell'Ufficio della Cittadinanza al tardo pomeriggio, concordando gli orari con le scuole e con le associazioni dei genitori.", "Genitori lavoratori", "", ""},
			{"Un calendario unico delle iniziative per le famiglie a %s", "Raccogliere in un solo calendario, pubblicato dal Comune e distribuito nelle scuole, le iniziative per genitori e bambini del consultorio, delle biblioteche, delle parrocchie e delle associazioni.", "Famiglie con figli minori", "", ""},
			{"Coinvolgere i pediatri di %s nel sostegno ai genitori", "Chiedere ai pediatri di famiglia di far conoscere i gruppi per genitori e i servizi del consultorio, con materiale informativo negli ambulatori.", "Genitori di bambini da 0 a 6 anni", "", ""},
		},
		{
			{"Spazio neutro per gli incontri protetti a %s", "Una stanza accogliente, con giochi e un'educatrice, dove tenere gli incontri protetti tra genitori e figli disposti dal tribunale, anche il sabato mattina.", "Genitori separati e figli minori", data.Cost5to25k, data.Time6to12},
			{"Centro estivo a orario lungo per i figli dei lavoratori stagionali a %s", "Un centro estivo aperto dalle 7.30 alle 18.30 per i bambini dei genitori che lavorano nel turismo e nell'agricoltura, con tariffe in base all'ISEE.", "Famiglie con figli dai 3 agli 11 anni", data.CostOver25k, data.Time3to6},
			{"Fondo di solidarietà per le spese scolastiche a %s", "Un piccolo fondo, gestito dall'Ufficio della Cittadinanza con le scuole, per libri, mensa e trasporto scolastico dei figli delle famiglie in difficoltà temporanea.", "Famiglie con figli in età scolare", data.CostUnder5k, data.Time6to12},
		},
	},
	"Infanzia e adolescenza": {
		{
			{"Il consiglio comunale dei ragazzi di %s", "Il consiglio comunale dei ragazzi coinvolge ogni anno le classi delle medie e ha ottenuto piccoli interventi concreti, come la sistemazione del parco giochi: un'esperienza di partecipazione da continuare.", "Ragazzi dagli 11 ai 14 anni", "", ""},
			{"Il doposcuola dei volontari a %s", "Il doposcuola tenuto da volontari e insegnanti in pensione segue ogni pomeriggio una trentina di ragazzi delle medie, molti di famiglie straniere: un presidio prezioso contro l'abbandono scolastico.", "Studenti delle scuole medie", "", ""},
			{"Lo sport di base accessibile a tutti i ragazzi di %s", "Le società sportive applicano quote ridotte ai ragazzi segnalati dai servizi sociali: lo sport diventa un'occasione di inclusione per chi altrimenti resterebbe a casa.", "Ragazzi dai 6 ai 16 anni", "", ""},
		},
		{
			{"Pomeriggi vuoti per i ragazzi delle medie a %s", "Dopo la scuola molti ragazzi restano soli in casa o in strada fino al rientro dei genitori; mancano attività gratuite e un luogo dove fare i compiti insieme.", "Ragazzi dagli 11 ai 14 anni", "", ""},
			{"Uso problematico di smartphone e videogiochi tra i ragazzi di %s", "Insegnanti e genitori segnalano ragazzi che passano le notti online, dormono poco e si isolano dai compagni; le famiglie non sanno a chi chiedere aiuto.", "Preadolescenti e adolescenti", "", ""},
			{"Lunghe attese per le valutazioni dell'età evolutiva a %s", "Tra la segnalazione della scuola e la prima valutazione del servizio età evolutiva passano molti mesi; nel frattempo il bambino resta senza sostegno e la famiglia senza risposte.", "Bambini e ragazzi con difficoltà di apprendimento", "", ""},
		},
		{
			{"Un patto educativo tra scuole, Comune e associazioni a %s", "Sottoscrivere un patto educativo di comunità che apra ai ragazzi, il pomeriggio, palestre, biblioteche e sale delle associazioni, con un calendario condiviso.", "Ragazzi dai 6 ai 16 anni", "", ""},
			{"Educazione digitale per ragazzi e genitori a %s", "Incontri nelle scuole medie per i ragazzi e, la sera, per i genitori, sull'uso consapevole di smartphone e social network, condotti con il servizio età evolutiva.", "Preadolescenti e loro genitori", "", ""},
			{"Ascoltare i ragazzi prima delle scelte del Comune di %s", "Consultare i ragazzi, con questionari a scuola e assemblee, prima di decidere su parchi, spazi pubblici e orari degli autobus.", "Ragazzi dagli 11 ai 17 anni", "", ""},
		},
		{
			{"Spazio compiti pomeridiano con educatori a %s", "Due pomeriggi a settimana in biblioteca, con un educatore e alcuni volontari, per fare i compiti insieme e poi restare a giocare; la merenda è offerta dalle associazioni.", "Studenti delle scuole primarie e medie", data.Cost5to25k, data.Time6to12},
			{"Sala prove e laboratorio musicale per i ragazzi di %s", "Riaprire un locale comunale inutilizzato come sala prove e laboratorio musicale, gestito con un'associazione culturale e aperto ai ragazzi il pomeriggio e il sabato.", "Ragazzi dai 14 ai 19 anni", data.Cost5to25k, data.Time6to12},
			{"Gruppi di parola per figli di genitori separati a %s", "Cicli di quattro incontri per bambini e ragazzi che vivono la separazione dei genitori, condotti da uno psicologo del consultorio, con un incontro finale per i genitori.", "Bambini dai 6 ai 12 anni e loro genitori", data.CostUnder5k, data.Time3to6},
		},
	},
	"Anziani": {
		{
			{"Il centro sociale per anziani di %s", "Il centro sociale è aperto tutti i pomeriggi grazie ai volontari e organizza gite, corsi e feste: per molti anziani soli è l'unica occasione di incontro della settimana.", "Anziani autosufficienti", "", ""},
			{"La ginnastica dolce nelle palestre comunali di %s", "I corsi di ginnastica dolce, tenuti da un fisioterapista con un contributo simbolico, sono frequentati da oltre cinquanta anziani e aiutano a prevenire le cadute.", "Anziani dai 65 anni", "", ""},
			{"I farmaci consegnati a casa dai volontari a %s", "Farmacie e volontari portano i farmaci agli anziani che non possono uscire di casa: un servizio semplice che evita molti spostamenti.", "Anziani soli o con mobilità ridotta", "", ""},
		},
		{
			{"Case degli anziani piene di barriere a %s", "Molti anziani vivono in case vecchie, con scale e bagni inadatti; i contributi per adattarle arrivano dopo anni e le famiglie non sanno come chiederli.", "Anziani con mobilità ridotta", "", ""},
			{"Truffe agli anziani soli a %s", "Si moltiplicano le truffe porta a porta e al telefono ai danni di anziani soli, che per vergogna spesso non denunciano e si chiudono ancora di più in casa.", "Anziani soli", "", ""},
			{"Anziani di %s in difficoltà con i servizi online", "Prenotazioni sanitarie, pensioni e bollette passano ormai per internet: gli anziani senza familiari vicini non sanno come fare e dipendono dalla buona volontà di qualche vicino.", "Anziani senza familiari vicini", "", ""},
		},
		{
			{"Assistenza domiciliare anche nel fine settimana a %s", "Organizzare con le cooperative una copertura minima del sabato e della domenica per gli anziani soli non autosufficienti, che oggi restano senza aiuto per due giorni.", "Anziani non autosufficienti soli", "", ""},
			{"Le farmacie di %s come presidi di prossimità", "Coinvolgere le farmacie nella rete dei servizi: informazioni sugli sportelli sociali, segnalazione degli anziani in difficoltà, promemoria delle terapie.", "Anziani", "", ""},
			{"I giovani del servizio civile accanto agli anziani soli di %s", "Chiedere che i progetti di servizio civile dei Comuni prevedano visite e telefonate agli anziani soli, in collaborazione con i Volontari d'Argento.", "Anziani soli", "", ""},
		},
		{
			{"Facilitatore digitale per gli anziani a %s", "Uno sportello settimanale, all'Ufficio della Cittadinanza o in biblioteca, dove un operatore aiuta gli anziani a prenotare visite, usare lo SPID e pagare le bollette online.", "Anziani senza familiari vicini", data.CostUnder5k, data.Time6to12},
			{"Piccoli lavori per rendere sicure le case degli anziani a %s", "Artigiani convenzionati e volontari per maniglioni, docce al posto delle vasche e piccoli lavori di sicurezza nelle case degli anziani, con un contributo in base all'ISEE.", "Anziani con mobilità ridotta", data.Cost5to25k, data.Time6to12},
			{"Pasti a domicilio con visita di compagnia a %s", "La consegna quotidiana di un pasto caldo agli anziani soli, fatta da volontari che si fermano qualche minuto e segnalano all'Ufficio della Cittadinanza ogni cambiamento.", "Anziani soli non autosufficienti", data.Cost5to25k, data.TimeOver12},
		},
	},
	"Disabilità": {
		{
			{"Il laboratorio diurno della cooperativa a %s", "Il laboratorio di falegnameria e ceramica accoglie ogni giorno giovani adulti con disabilità, che vendono i loro lavori ai mercatini: un luogo di crescita e di relazioni da sostenere.", "Giovani adulti con disabilità", "", ""},
			{"Le società sportive di %s che accolgono ragazzi con disabilità", "Alcune società sportive hanno formato i loro allenatori e accolgono ragazzi con disabilità nelle squadre di tutti: un esempio da far conoscere alle altre.", "Bambini e ragazzi con disabilità", "", ""},
			{"Il gruppo di auto mutuo aiuto dei genitori a %s", "Il gruppo dei genitori di figli con disabilità si incontra ogni mese con una psicologa: le famiglie si scambiano informazioni e si sentono meno sole.", "Genitori di persone con disabilità", "", ""},
		},
		{
			{"Pochi posti di lavoro per le persone con disabilità a %s", "Le aziende tenute alle assunzioni obbligatorie preferiscono chiedere l'esonero; finita la scuola molti ragazzi con disabilità restano a casa senza un'attività.", "Giovani adulti con disabilità", "", ""},
			{"Marciapiedi e uffici pubblici non accessibili a %s", "Marciapiedi interrotti, gradini all'ingresso degli uffici e bagni non accessibili impediscono alle persone in carrozzina di muoversi da sole in paese.", "Persone con disabilità motoria", "", ""},
			{"Famiglie lasciate sole con le pratiche a %s", "Invalidità, permessi, ausili, sostegno scolastico: le famiglie devono rivolgersi a uffici diversi e spesso perdono diritti perché nessuno le orienta.", "Famiglie di persone con disabilità", "", ""},
		},
		{
			{"Un operatore di riferimento per le famiglie all'Ufficio della Cittadinanza di %s", "Formare in ogni Ufficio della Cittadinanza un operatore che orienti le famiglie su invalidità, permessi, ausili e servizi e le accompagni nelle pratiche.", "Famiglie di persone con disabilità", "", ""},
			{"Un piano per eliminare le barriere architettoniche a %s", "Chiedere ai Comuni di aggiornare il piano per l'eliminazione delle barriere architettoniche, con la partecipazione delle associazioni e un calendario degli interventi.", "Persone con disabilità motoria", "", ""},
			{"Convenzioni con le imprese di %s per il lavoro delle persone con disabilità", "Promuovere convenzioni con le imprese del territorio per tirocini e assunzioni di persone con disabilità, con il sostegno del SAL e del Centro per l'impiego.", "Persone con disabilità in età lavorativa", "", ""},
		},
		{
			{"Fine settimana di autonomia per giovani con disabilità a %s", "Un fine settimana al mese in un appartamento o in un agriturismo, con educatori, per sperimentare la vita autonoma e dare sollievo alle famiglie.", "Giovani adulti con disabilità", data.Cost5to25k, data.Time6to12},
			{"Sportello per ausili, permessi e agevolazioni a %s", "Uno sportello mensile, con un volontario dell'associazione e un'assistente sociale, che orienta le famiglie su invalidità, ausili, permessi e agevolazioni.", "Famiglie di persone con disabilità", data.CostUnder5k, data.Time6to12},
			{"Orto sociale accessibile a %s", "Un orto con vasche rialzate e percorsi accessibili, coltivato da persone con disabilità insieme a volontari e anziani del paese; i prodotti si vendono al mercato settimanale.", "Persone con disabilità e volontari", data.Cost5to25k, data.TimeOver12},
		},
	},
	"Integrazione lavorativa delle fasce deboli": {
		{
			{"Le borse lavoro nei servizi comunali di %s", "Le borse lavoro nella manutenzione del verde e in biblioteca hanno dato a diverse persone un'esperienza riconosciuta e, in qualche caso, un lavoro stabile con le cooperative.", "Persone svantaggiate in cerca di lavoro", "", ""},
			{"Centro per l'impiego e servizi sociali di %s seguono insieme le persone", "Gli incontri mensili tra Centro per l'impiego e assistenti sociali permettono di seguire insieme le persone più fragili, senza rimandarle da un ufficio all'altro.", "Persone in carico ai servizi sociali", "", ""},
			{"Le aziende agricole di %s che accolgono tirocinanti", "Alcune aziende agricole accolgono da anni tirocinanti segnalati dai servizi e li affiancano con pazienza: un patrimonio di esperienza da valorizzare.", "Persone in tirocinio", "", ""},
		},
		{
			{"Nessun autobus negli orari dei turni di lavoro a %s", "Gli autobus non passano negli orari dei turni delle aziende e dei campi: chi non ha l'auto o la patente non può accettare i lavori offerti.", "Lavoratori senza mezzi propri", "", ""},
			{"Donne fuori dal lavoro per la cura dei familiari a %s", "Molte donne lasciano il lavoro per accudire figli piccoli o genitori anziani e dopo qualche anno non riescono più a rientrare.", "Donne disoccupate con carichi di cura", "", ""},
			{"Poche competenze digitali per cercare lavoro a %s", "Offerte e candidature passano ormai per internet: chi non sa usare il computer o non ha un indirizzo di posta elettronica resta escluso.", "Persone in cerca di lavoro con più di 50 anni", "", ""},
		},
		{
			{"Orientamento al lavoro nell'Ufficio della Cittadinanza di %s", "Portare una volta al mese il Centro per l'impiego nell'Ufficio della Cittadinanza, per colloqui di orientamento senza doversi spostare.", "Persone in cerca di lavoro", "", ""},
			{"Percorsi di rientro al lavoro per le donne a %s", "Costruire con il Centro per l'impiego e le associazioni di categoria percorsi di formazione e tirocinio per le donne che rientrano dopo anni di lavoro di cura, con orari compatibili con la famiglia.", "Donne disoccupate con carichi di cura", "", ""},
			{"Affidamenti del Comune di %s alle cooperative sociali di tipo B", "Riservare alle cooperative sociali di tipo B una parte degli affidamenti comunali sotto soglia, con l'impegno di inserire persone segnalate dal SAL.", "Persone svantaggiate", "", ""},
		},
		{
			{"Corso di informatica di base per chi cerca lavoro a %s", "Dieci incontri in biblioteca per imparare a scrivere un curriculum, usare la posta elettronica e rispondere alle offerte di lavoro online.", "Persone in cerca di lavoro con più di 50 anni", data.CostUnder5k, data.Time3to6},
			{"Bottega solidale con inserimenti lavorativi a %s", "Un negozio di prodotti del commercio equo e dell'agricoltura sociale, gestito da una cooperativa di tipo B, dove lavorano persone in percorso di inserimento.", "Persone svantaggiate in percorso di inserimento", data.CostOver25k, data.TimeOver12},
			{"Formazione dei tutor aziendali per i tirocini di inclusione a %s", "Un breve corso per titolari e dipendenti delle imprese che accolgono tirocinanti, su come affiancare persone fragili, e un riconoscimento pubblico per le imprese che partecipano.", "Imprese del territorio e persone in tirocinio", data.CostUnder5k, data.Time6to12},
		},
	},
	"Immigrazione": {
		{
			{"La scuola di italiano dei volontari a %s", "I volontari dell'associazione tengono ogni settimana lezioni di italiano gratuite, frequentate soprattutto da donne: oltre alla lingua, sono un'occasione per conoscere il paese e i suoi servizi.", "Donne straniere", "", ""},
			{"Le feste interculturali delle scuole di %s", "Le feste di fine anno organizzate dalle scuole con le famiglie di tutte le provenienze sono molto partecipate e avvicinano genitori che altrimenti non si incontrerebbero.", "Famiglie straniere e italiane", "", ""},
			{"L'accoglienza degli alunni stranieri appena arrivati a %s", "Il protocollo di accoglienza delle scuole, con il mediatore nei primi colloqui e l'italiano nelle ore di lezione, aiuta i ragazzi appena arrivati a inserirsi.", "Alunni stranieri neoarrivati", "", ""},
		},
		{
			{"Attese lunghe per il rinnovo dei permessi di soggiorno a %s", "Le attese per il rinnovo dei permessi di soggiorno bloccano contratti di lavoro, iscrizioni al servizio sanitario e domande di sostegno: le famiglie restano in sospeso per mesi.", "Cittadini stranieri", "", ""},
			{"Genitori stranieri lontani dalla vita della scuola a %s", "I genitori stranieri partecipano poco ai colloqui e alle riunioni: non capiscono le comunicazioni scritte e spesso lavorano negli orari degli incontri.", "Genitori stranieri di alunni", "", ""},
			{"Lavoratori stagionali in alloggi inadeguati a %s", "Nei mesi della raccolta alcuni lavoratori stagionali vivono in alloggi sovraffollati e senza contratto, lontani dai servizi.", "Lavoratori stranieri stagionali", "", ""},
		},
		{
			{"Avvisi delle scuole e dei servizi di %s nelle lingue più diffuse", "Tradurre gli avvisi principali di scuole, Uffici della Cittadinanza e consultorio nelle lingue delle comunità più numerose, con messaggi vocali per chi non legge.", "Famiglie straniere", "", ""},
			{"Le comunità straniere di %s stabilmente ai Tavoli", "Invitare stabilmente ai Tavoli tematici i rappresentanti delle comunità straniere e delle loro associazioni, con l'aiuto dei mediatori per la traduzione.", "Comunità straniere", "", ""},
			{"Un accordo con le aziende agricole di %s per l'alloggio degli stagionali", "Concordare con le associazioni agricole e i Comuni alloggi dignitosi per i lavoratori stagionali, con controlli e informazione sui diritti.", "Lavoratori stranieri stagionali", "", ""},
		},
		{
			{"Mediatore culturale per i colloqui tra scuola e famiglie a %s", "Un mediatore culturale presente nei giorni dei colloqui e delle iscrizioni, per aiutare i genitori stranieri a parlare con gli insegnanti e a capire le scelte sulla scuola dei figli.", "Genitori stranieri di alunni", data.CostUnder5k, data.Time6to12},
			{"Sportello di aiuto per le pratiche dei documenti a %s", "Uno sportello ogni quindici giorni, con un mediatore e un volontario esperto, per preparare le pratiche di rinnovo del permesso di soggiorno, di ricongiungimento familiare e di cittadinanza.", "Cittadini stranieri", data.Cost5to25k, data.TimeOver12},
			{"Corsi di italiano per il lavoro a %s", "Corsi di italiano serali e nel fine settimana con il lessico dei mestieri più richiesti (agricoltura, turismo, assistenza), insieme al Centro provinciale per l'istruzione degli adulti.", "Lavoratori stranieri", data.Cost5to25k, data.Time6to12},
		},
	},
}

// addGenerated adds the proposals of a demo at scale: for each step beyond the first, two per area,
// of the kinds in turn, made of parts and said of one comune. Most are captured in a session of the
// area's Tavolo tematico, during one of its items, by someone in the room; one in five reached the
// Ufficio di Piano in writing after the table's last meeting, from one of its members. They are
// proposte, or in valutazione (taken up at the Ufficio di Piano's next examination).
func addGenerated(ds *data.Dataset, scale int) error {
	if scale < 2 {
		return nil
	}
	tables := map[string]data.Body{} // by area id
	for _, b := range ds.Bodies {
		if b.Kind == data.BodyTavoloTematico {
			tables[b.AreaID] = b
		}
	}
	var held []data.Session
	for _, s := range ds.Sessions {
		if s.Status.Held() {
			held = append(held, s)
		}
	}
	org := map[string]string{}
	for _, p := range ds.People {
		org[p.ID] = p.OrganisationID
	}
	for k := 2; k <= scale; k++ {
		for ai, a := range ds.Areas {
			kinds, ok := parts[a.Name]
			body, okBody := tables[a.ID]
			if !ok || !okBody {
				return fmt.Errorf("demo proposals: no parts or no Tavolo tematico for area %q", a.Name)
			}
			var sessions []data.Session
			for _, s := range held {
				if s.BodyID == body.ID {
					sessions = append(sessions, s)
				}
			}
			if len(sessions) == 0 {
				return fmt.Errorf("demo proposals: %s never met", body.Name)
			}
			for j := 0; j < 2; j++ {
				n := 2*(k-2) + j // the area's n-th generated proposal
				kind, m := n%len(data.ProposalKinds), n/len(data.ProposalKinds)
				pt := kinds[kind][m%3]
				// Over 24 proposals of a kind, every part is said of every comune once.
				c := ds.Comuni[(m+3*kind+2*ai)%len(ds.Comuni)]
				x := data.Proposal{Meta: data.Meta{ID: id("proposal", "generated", a.Name, fmt.Sprint(n))}, AreaID: a.ID,
					Kind: data.ProposalKinds[kind], State: data.StateInValutazione, Title: fmt.Sprintf(pt.title, c.Name),
					Text: pt.text, TargetGroup: pt.target, ComuneIDs: []string{c.ID}}
				if x.Kind == data.KindIpotesi {
					x.Cost, x.Duration = pt.cost, pt.duration
				}
				if n%3 == 2 {
					x.State = data.StateProposta
				}
				if n%5 == 4 {
					// It reaches the office on a weekday morning in the fortnight after the last meeting.
					last := sessions[len(sessions)-1].Ended
					x.Created = time.Date(last.Year(), last.Month(), last.Day()+1+n%10, 9, 10+n%40, 0, 0, data.Zone)
					for x.Created.Weekday() == time.Saturday || x.Created.Weekday() == time.Sunday {
						x.Created = x.Created.AddDate(0, 0, 1)
					}
					members := tableMembers(ds, body.ID)
					x.ProposerID = members[n%len(members)]
				} else {
					s := sessions[n%len(sessions)]
					items := itemsHeld(ds, s.ID)
					it := items[(n/len(sessions))%len(items)]
					start := it.Updated.Add(-it.Spent)
					x.Created = start.Add(it.Spent * time.Duration(1+n%7) / 9).Truncate(time.Second)
					x.SessionID, x.AgendaItemID = s.ID, it.ID
					present := presentAt(ds, s.ID, x.Created)
					if len(present) == 0 {
						return fmt.Errorf("demo proposals: nobody in the room at %v", x.Created)
					}
					x.ProposerID = present[n%len(present)]
				}
				x.OrganisationID, x.Updated = org[x.ProposerID], x.Created
				ds.Proposals = append(ds.Proposals, x)
			}
		}
	}
	return nil
}

// itemsHeld are a session's items where proposals are taken: all but the approval of the previous
// verbale and the varie ed eventuali.
func itemsHeld(ds *data.Dataset, sessionID string) []data.AgendaItem {
	var out []data.AgendaItem
	for _, it := range ds.Agenda {
		if it.SessionID == sessionID {
			out = append(out, it)
		}
	}
	return out[1 : len(out)-1]
}

// presentAt lists the people in the room at t, in the order of the register.
func presentAt(ds *data.Dataset, sessionID string, t time.Time) []string {
	var out []string
	for _, a := range ds.Attendance {
		if a.SessionID == sessionID && a.Presence == data.PresencePresente && !a.Arrived.After(t) &&
			(a.Left.IsZero() || a.Left.After(t)) {
			out = append(out, a.PersonID)
		}
	}
	return out
}

// tableMembers lists the people holding a seat at a body.
func tableMembers(ds *data.Dataset, bodyID string) []string {
	var out []string
	for _, m := range ds.Memberships {
		if m.BodyID == bodyID && m.SeatID != "" {
			out = append(out, m.PersonID)
		}
	}
	return out
}
