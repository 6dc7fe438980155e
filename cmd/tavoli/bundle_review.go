package main

import (
	"bytes"
	"context"
	"fmt"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/tavoli/tavoli/app/i18n"

	"github.com/tavoli/tavoli/data"
	"github.com/tavoli/tavoli/data/sqlite"
)

// exchangeRow is an exchange as JSON shows it.
type exchangeRow struct {
	ID         string             `json:"id"`
	At         string             `json:"at"`
	Direction  string             `json:"direction"` // export or import
	Device     string             `json:"device"`
	Peer       string             `json:"peer"`
	PeerName   string             `json:"peer_name"`
	Everything bool               `json:"everything"`
	File       string             `json:"file"`
	SHA256     string             `json:"sha256"`
	Since      int64              `json:"since"`
	Upto       int64              `json:"upto"`
	Encrypted  bool               `json:"encrypted"`
	Records    int                `json:"records"`
	Changes    []data.KindChanges `json:"changes"`
}

func exchangeJSON(ex data.Exchange) exchangeRow {
	changes := ex.Changes
	if changes == nil {
		changes = []data.KindChanges{}
	}
	return exchangeRow{ex.ID, isoTime(ex.At), string(ex.Direction), ex.Device, ex.Peer, ex.PeerName, ex.Everything,
		ex.File, ex.SHA256, ex.Since, ex.Upto, ex.Encrypted, ex.Records, changes}
}

// importRow is a bundle's preview, or what importing it did (applied), as JSON shows it.
type importRow struct {
	File        string             `json:"file"`
	AmbitoID    string             `json:"ambito_id"`
	Ambito      string             `json:"ambito"`
	OtherAmbito bool               `json:"other_ambito"`
	Sender      string             `json:"sender"`
	SenderName  string             `json:"sender_name"`
	Created     string             `json:"created"`
	Schema      int                `json:"schema"`
	Encrypted   bool               `json:"encrypted"`
	Everything  bool               `json:"everything"`
	Records     int                `json:"records"`
	SHA256      string             `json:"sha256"`
	Seen        bool               `json:"seen"`
	Kinds       []data.KindChanges `json:"kinds"`
	Applied     bool               `json:"applied"`
}

func bundleImportJSON(file string, r data.ImportResult) importRow {
	kinds := r.Kinds
	if kinds == nil {
		kinds = []data.KindChanges{}
	}
	return importRow{file, r.AmbitoID, r.AmbitoName, r.OtherAmbito, r.Sender, r.SenderName, isoTime(r.Created),
		r.Schema, r.Encrypted, r.Everything, r.Records, r.SHA256, r.Seen, kinds, r.Applied}
}

// table prints rows aligned in columns, the first row being the header.
func (c *cli) table(rows [][]string) {
	w := tabwriter.NewWriter(c.stdout, 2, 4, 2, ' ', 0)
	for _, r := range rows {
		fmt.Fprintln(w, strings.Join(r, "\t"))
	}
	w.Flush()
}

// bundlePeers is "tavoli bundle peers": the other installations this database knows, with the last
// bundle of this database each acknowledged receiving (and when it merged it), and the last bundle read
// from each.
func (c *cli) bundlePeers(ctx context.Context) int {
	st, err := c.open(ctx, readOnly)
	if err != nil {
		return c.fail(err)
	}
	defer st.Close()
	peers, err := st.Peers(ctx)
	if err != nil {
		return c.fail(err)
	}
	if c.opt.json {
		type received struct {
			Upto int64  `json:"upto"` // this database's change sequence, merged there up to here
			At   string `json:"at"`   // when, on the peer's clock
			File string `json:"file"` // the bundle that got it there, when known
			Sent string `json:"sent"` // when that bundle was written
		}
		type row struct {
			Device     string   `json:"device"`
			Name       string   `json:"name"`
			Received   received `json:"received"`
			LastExport string   `json:"last_export"` // the last bundle written for it, received or not
			LastImport string   `json:"last_import"`
		}
		rows := []row{}
		for _, p := range peers {
			r := p.Received
			rows = append(rows, row{p.Device, p.Name, received{r.Upto, isoTime(r.At), r.File, isoTime(r.Sent)},
				isoTime(p.LastExport), isoTime(p.LastImport)})
		}
		return c.writeJSON(rows)
	}
	if len(peers) == 0 {
		fmt.Fprintln(c.stdout, i18n.L("cli.bundle_no_peers"))
		return exitOK
	}
	table := [][]string{{i18n.L("cli.bundle_col_computer"), i18n.L("cli.bundle_col_received"),
		i18n.L("cli.bundle_col_received_at"), i18n.L("cli.bundle_col_last_import"), i18n.L("cli.bundle_col_device")}}
	for _, p := range peers {
		table = append(table, []string{peerLabel(p.Name, "?"), receivedText(p.Received), dateTime(p.Received.At),
			dateTime(p.LastImport), p.Device})
	}
	c.table(table)
	return exitOK
}

// receivedText names the last bundle of this database a peer acknowledged: its file and when it was
// written, «nessuno» when it acknowledged none.
func receivedText(r data.Receipt) string {
	switch {
	case !r.Acknowledged():
		return i18n.L("cli.bundle_received_none")
	case r.File != "":
		return i18n.L("cli.bundle_received_file", map[string]any{"file": r.File, "sent": dateTime(r.Sent)})
	case !r.Sent.IsZero():
		return i18n.L("cli.bundle_received_sent", map[string]any{"sent": dateTime(r.Sent)})
	}
	return i18n.L("cli.bundle_received_unknown")
}

// bundleHistory is "tavoli bundle history": the bundles written and read here, the latest first.
func (c *cli) bundleHistory(ctx context.Context) int {
	st, err := c.open(ctx, readOnly)
	if err != nil {
		return c.fail(err)
	}
	defer st.Close()
	list, err := st.Exchanges(ctx)
	if err != nil {
		return c.fail(err)
	}
	if c.opt.json {
		rows := []exchangeRow{}
		for _, ex := range list {
			rows = append(rows, exchangeJSON(ex))
		}
		return c.writeJSON(rows)
	}
	if len(list) == 0 {
		fmt.Fprintln(c.stdout, i18n.L("cli.bundle_no_history"))
		return exitOK
	}
	table := [][]string{{i18n.L("col.date"), i18n.L("cli.bundle_col_direction"), i18n.L("cli.bundle_col_computer"),
		i18n.L("cli.bundle_col_content"), i18n.L("cli.bundle_col_records"), i18n.L("cli.bundle_col_written"),
		i18n.L("cli.bundle_label_encrypted"), i18n.L("cli.bundle_col_file")}}
	for _, ex := range list {
		dir, who, written := i18n.L("cli.bundle_exported_dir"), i18n.L("cli.bundle_anyone"), ""
		if ex.Peer != "" {
			who = peerLabel(ex.PeerName, ex.Peer)
		}
		if ex.Direction == data.ExchangeImport {
			dir = i18n.L("cli.bundle_imported_dir")
			var t data.KindChanges
			for _, k := range ex.Changes {
				t = t.Add(k)
			}
			written = fmt.Sprint(t.Writes())
		}
		content := i18n.L("cli.bundle_changes")
		if ex.Everything {
			content = i18n.L("cli.bundle_everything")
		}
		table = append(table, []string{dateTime(ex.At), dir, who, content, fmt.Sprint(ex.Records), written,
			yesNo(ex.Encrypted), ex.File})
	}
	c.table(table)
	return exitOK
}

// bundleConflicts is "tavoli bundle conflicts": the versions merges set aside and nobody has reviewed
// yet (--all: reviewed ones too), each beside the record's current version.
func (c *cli) bundleConflicts(ctx context.Context) int {
	st, err := c.open(ctx, readOnly)
	if err != nil {
		return c.fail(err)
	}
	defer st.Close()
	list, err := st.Versions(ctx, c.opt.all)
	if err != nil {
		return c.fail(err)
	}
	names, err := deviceNames(ctx, st)
	if err != nil {
		return c.fail(err)
	}
	if c.opt.json {
		type row struct {
			ID                string         `json:"id"`
			Kind              string         `json:"kind"`
			RecordID          string         `json:"record_id"`
			Label             string         `json:"label"`
			Reason            string         `json:"reason"`
			Resolution        string         `json:"resolution"`
			Created           string         `json:"created"` // when it was set aside
			Updated           string         `json:"updated"` // the version's own time and device
			Device            string         `json:"device"`
			DeviceName        string         `json:"device_name"`
			Row               map[string]any `json:"row"`
			CurrentUpdated    string         `json:"current_updated"`
			CurrentDevice     string         `json:"current_device"`
			CurrentDeviceName string         `json:"current_device_name"`
			Current           map[string]any `json:"current"`          // null when the record is missing
			Deletion          bool           `json:"deletion"`         // the version set aside deletes the record
			CurrentDeletion   bool           `json:"current_deletion"` // the current version is a deletion
		}
		rows := []row{}
		for _, v := range list {
			rows = append(rows, row{v.ID, string(v.Kind), v.RecordID, v.Label, string(v.Reason), string(v.Resolution),
				isoTime(v.Created), isoTime(v.Updated), v.Device, names(v.Device), v.Row, isoTime(v.CurrentUpdated),
				v.CurrentDevice, names(v.CurrentDevice), v.Current, v.IsDeletion(), v.CurrentDeletion()})
		}
		return c.writeJSON(rows)
	}
	if len(list) == 0 {
		fmt.Fprintln(c.stdout, i18n.L("cli.bundle_no_conflicts"))
		return exitOK
	}
	head := []string{i18n.L("col.kind"), i18n.L("col.name"), i18n.L("cli.bundle_col_reason"),
		i18n.L("cli.bundle_col_this_version"), i18n.L("cli.bundle_col_current")}
	if c.opt.all {
		head = append(head, i18n.L("cli.bundle_col_resolution"))
	}
	table := [][]string{append(head, "id")}
	for _, v := range list {
		current := i18n.L("cli.bundle_record_missing")
		if v.Current != nil {
			current = versionText(names(v.CurrentDevice), v.CurrentUpdated, v.CurrentDeletion())
		}
		r := []string{i18n.KindName(v.Kind), versionLabel(v), i18n.VersionReason(v.Reason),
			versionText(names(v.Device), v.Updated, v.IsDeletion()), current}
		if c.opt.all {
			r = append(r, i18n.VersionResolution(v))
		}
		table = append(table, append(r, v.ID))
	}
	c.table(table)
	fmt.Fprintln(c.stdout)
	fmt.Fprintln(c.stdout, i18n.L("cli.bundle_conflicts_hint"))
	return exitOK
}

// deviceNames returns a function naming a device: this database's own is «questo computer», the
// others their operator or computer, an unknown one its id.
func deviceNames(ctx context.Context, st *sqlite.Store) (func(string) string, error) {
	peers, err := st.Peers(ctx)
	if err != nil {
		return nil, err
	}
	known := map[string]string{st.Device(): i18n.L("cli.bundle_this_computer")}
	for _, p := range peers {
		if _, ok := known[p.Device]; !ok && p.Name != "" {
			known[p.Device] = p.Name
		}
	}
	return func(device string) string {
		if n, ok := known[device]; ok {
			return n
		}
		return device
	}, nil
}

// versionText is who made a version and when, saying when it is a deletion: «Anna, 12/03/2027 15:00»,
// «eliminazione: Anna, 12/03/2027 15:00».
func versionText(who string, when time.Time, deletion bool) string {
	key := "cli.bundle_who_when"
	if deletion {
		key = "cli.bundle_deletion_who_when"
	}
	return i18n.L(key, map[string]any{"who": who, "when": dateTime(when)})
}

// versionLabel names the record of a version set aside: its title or name, else its id.
func versionLabel(v data.RecordVersion) string {
	if v.Label != "" {
		return v.Label
	}
	return v.RecordID
}

// bundleResolve is "tavoli bundle restore ID" (the version set aside becomes the current one, and the
// one it replaces is kept aside in its turn) and "tavoli bundle dismiss ID" (the current one stays).
func (c *cli) bundleResolve(ctx context.Context, cmd string, rest []string) int {
	if len(rest) != 1 {
		return c.usage("cli.bundle_resolve_usage", nil)
	}
	id := rest[0]
	st, err := c.open(ctx, existing)
	if err != nil {
		return c.fail(err)
	}
	defer st.Close()
	v, err := st.Version(ctx, id)
	if err != nil {
		return c.fail(err)
	}
	key := "cli.bundle_restored"
	if cmd == "restore" {
		err = st.RestoreVersion(ctx, id)
	} else {
		key = "cli.bundle_dismissed"
		err = st.DismissVersion(ctx, id)
	}
	if err != nil {
		return c.fail(err)
	}
	if c.opt.json {
		return c.writeJSON(map[string]any{"id": id, "kind": string(v.Kind), "record_id": v.RecordID, "label": v.Label,
			"resolution": map[string]string{"restore": string(data.VersionRestored), "dismiss": string(data.VersionDismissed)}[cmd]})
	}
	fmt.Fprintln(c.stdout, i18n.L(key, map[string]any{"kind": i18n.KindName(v.Kind), "label": versionLabel(v)}))
	return exitOK
}

// bundleDump is "tavoli bundle dump [-o FILE]": every synchronised record as one JSON line, in a fixed
// order, without what belongs to this database alone. Two laptops that exchanged until nothing changes
// print the same bytes, which is how to check that they agree (cmp, diff).
func (c *cli) bundleDump(ctx context.Context) int {
	st, err := c.open(ctx, readOnly)
	if err != nil {
		return c.fail(err)
	}
	defer st.Close()
	var b bytes.Buffer
	if err := st.Dump(ctx, &b); err != nil {
		return c.fail(err)
	}
	if c.opt.output == "" {
		c.stdout.Write(b.Bytes())
		return exitOK
	}
	return c.write(b.Bytes())
}
