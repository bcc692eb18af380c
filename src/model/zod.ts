import en from 'zod/v4/locales/en.js';
import { z } from 'zod/mini';

// The model's schemas use zod/mini, zod's tree-shakable functional API (same package as the
// classic `zod` API, about 25 kB less gzipped in the initial load). Unlike the classic API it
// installs no locale, so zod's own messages would all read "Invalid input". Some reach the user
// as they are (an AIF node that is not an object: "Invalid input: expected object, received
// string"), so the English locale the classic API installs is installed here. Every schema
// module imports `z` from this module, so no schema parses before this has run.
z.config(en());

export { z };
