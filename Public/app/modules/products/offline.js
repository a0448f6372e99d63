// Products and prices offline (core/working-set.js): the product list's first pages, its categories, and what the
// order form's product picker shows before anything is typed.
import { PAGE_SIZE } from '../../components/list-helpers.js';

export default [{
  name: 'products',
  permission: 'products.product.read',
  entity: 'products.product',
  lists: [{ path: '/products/products', query: { limit: PAGE_SIZE }, pages: 4 }],
  answers: [
    { path: '/lists/products.products' },
    { path: '/products/categories', query: { limit: 200 } },
    { path: '/products/products', query: { archived: 'exclude', limit: 10 } },
  ],
}];
