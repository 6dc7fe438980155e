package main

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/tavoli/tavoli/app/i18n"
)

// maxConfigName bounds an operator's or computer's name: it is shown in lists and travels in every
// bundle's device record.
const maxConfigName = 80

// configWords maps the words a user may write after "config" (English and Italian) to what they set.
var configWords = map[string]string{
	"operator": "operator", "operatore": "operator",
	"computer": "computer", "device": "computer", "dispositivo": "computer",
}

// config is "tavoli config": this installation's computer name, operator and device id. "tavoli config
// operator NAME" and "tavoli config computer NAME" set the names, as the window's Impostazioni menu
// and first start do; every database records them the next time it is opened here, and bundles carry
// them to the other laptops.
func (c *cli) config(rest []string) int {
	if len(rest) == 1 || len(rest) > 2 {
		return c.usage("cli.config_usage", nil)
	}
	inst, _, err := c.installation()
	if err != nil {
		return c.fail(err)
	}
	if len(rest) == 2 {
		what, ok := configWords[strings.ToLower(rest[0])]
		if !ok {
			return c.usage("cli.config_usage", nil)
		}
		name := strings.Join(strings.Fields(rest[1]), " ")
		if name == "" || utf8.RuneCountInString(name) > maxConfigName ||
			strings.IndexFunc(name, unicode.IsControl) >= 0 {
			return c.usage("cli.config_bad_name", map[string]any{"n": maxConfigName})
		}
		key := "cli.config_set_operator"
		if what == "operator" {
			inst.Operator = name
		} else {
			inst.DeviceName, key = name, "cli.config_set_computer"
		}
		if err := inst.Save(); err != nil {
			return c.fail(err)
		}
		if !c.opt.json {
			fmt.Fprintln(c.stdout, i18n.L(key, map[string]any{"name": name}))
			return exitOK
		}
	}
	if c.opt.json {
		return c.writeJSON(map[string]string{"device_id": inst.DeviceID, "computer": inst.DeviceName,
			"operator": inst.Operator, "language": inst.Language})
	}
	operator := inst.Operator
	if operator == "" {
		operator = i18n.L("cli.config_not_set")
	}
	c.fields([][2]string{
		{i18n.L("cli.config_operator"), operator},
		{i18n.L("cli.config_computer"), inst.DeviceName},
		{i18n.L("cli.bundle_col_device"), inst.DeviceID},
	})
	return exitOK
}
