/**
 * The region's product list as the provider messages name it (Product: Categorie and Code):
 * TR381 (S329, externe bron) for the 305, 307, 315 and 317, and which product — with its
 * uitvoeringsvariant — a class is about (IV096: a taakgericht start has no toewijzing).
 */
import type { MessageObject } from '../istandaarden/messages/read-message.ts'
import { type HandlerContext, type MessageProblem, text } from './handler.ts'

export interface ListedProduct {
  id: number
  variant: string
}

/** The product of the message's law with this categorie and code (no code: the categorie's product without one). */
export async function listedProduct(ctx: HandlerContext, product: MessageObject): Promise<ListedProduct | undefined> {
  const code = text(product.Code)
  return ctx.trx
    .selectFrom('product')
    .select(['id', 'variant'])
    .where('wet', '=', ctx.wet)
    .where('productcategorie', '=', String(product.Categorie))
    .where((eb) => (code === undefined ? eb('productcode', 'is', null) : eb('productcode', '=', code)))
    .executeTakeFirst()
}

/** TR381 (S329): the refusal of a ProductCode that is not on the region's list for its categorie. */
export const tr381Problem = (product: MessageObject): Omit<MessageProblem, 'path'> => ({
  rule: 'TR381',
  retourcode: 'S329',
  message: `productcode ${text(product.Code)} hoort volgens de productcodelijst van de regio niet bij categorie ${text(product.Categorie)}`,
})

/** TR381 for a product that names a code; undefined when it names none or the code is listed. */
export async function tr381ProductCode(ctx: HandlerContext, product: MessageObject | undefined): Promise<Omit<MessageProblem, 'path'> | undefined> {
  if (!product || text(product.Code) === undefined) return undefined
  return (await listedProduct(ctx, product)) ? undefined : tr381Problem(product)
}
