/**
 * Pleno's printable forms. The CLI (`pleno print-form --tps CODE --race bupati > form.pdf`) needs only
 * `renderKwkFormPdf` and its input type; recognition needs the templates (resources/forms, or `kwkTemplate`).
 */
export { renderKwkFormPdf, validateKwkInput, type JenisPemilihan, type KwkFormInput, type KwkInputError } from './kwk-pdf.ts';
export { kwkTemplate, KWK_CANONICAL_WIDTH, PILKADA_TPS_CAP } from './kwk-template.ts';
export { kwkPageLayout, kwkQrContent, kwkVoteRows, parseKwkQrContent, type KwkQrInfo } from './kwk-layout.ts';
export { KWK_MAX_PASLON, KWK_MIN_PASLON, KWK_PAGES, kwkFormId, kwkTagId, kwkTemplateId, parseKwkTagId } from './kwk-tag-ids.ts';
