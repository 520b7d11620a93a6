"""The relay (estafette): its picture, its figures and the recruitment list."""
